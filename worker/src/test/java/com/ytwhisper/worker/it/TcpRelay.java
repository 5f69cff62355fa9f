package com.ytwhisper.worker.it;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** Forwards every TCP connection on one address to another, byte for byte (a test's second door to a server). */
final class TcpRelay implements AutoCloseable {

    private final ServerSocket server;

    private TcpRelay(ServerSocket server) {
        this.server = server;
    }

    static TcpRelay start(InetSocketAddress listen, InetSocketAddress target) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(listen);
        TcpRelay relay = new TcpRelay(server);
        Thread accept = new Thread(() -> relay.accept(target), "tcp-relay");
        accept.setDaemon(true);
        accept.start();
        return relay;
    }

    private void accept(InetSocketAddress target) {
        while (!server.isClosed()) {
            try {
                Socket in = server.accept();
                Socket out = new Socket(target.getAddress(), target.getPort());
                pump(in, out);
                pump(out, in);
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException e) {
                // one side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // closing
                }
            }
        }, "tcp-relay-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
