package com.ytwhisper.worker.egress;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback port no job may reach, standing in for an FTP server, a metadata service or an
 * internal port: it records every TCP connection (with what the client sent, up to 64 KB) and every UDP
 * datagram, answers an FTP-like banner so a client that got through would carry on, and closes.
 */
public final class TrapListener implements AutoCloseable {

    private static final int MAX_RECORDED = 64 * 1024;

    private final ServerSocket tcp;
    private final DatagramSocket udp;
    private final List<String> seen = new CopyOnWriteArrayList<>();

    private TrapListener() throws IOException {
        tcp = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        DatagramSocket datagrams;
        try {
            datagrams = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            datagrams = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        }
        udp = datagrams;
    }

    public static TrapListener start() {
        try {
            TrapListener trap = new TrapListener();
            Thread accept = new Thread(trap::acceptLoop, "trap-tcp-" + trap.port());
            accept.setDaemon(true);
            accept.start();
            Thread receive = new Thread(trap::receiveLoop, "trap-udp-" + trap.port());
            receive.setDaemon(true);
            receive.start();
            return trap;
        } catch (IOException e) {
            throw new IllegalStateException("trap listener could not start: " + e.getMessage(), e);
        }
    }

    public int port() {
        return tcp.getLocalPort();
    }

    /** The UDP port (the TCP port when it was free for UDP too). */
    public int udpPort() {
        return udp.getLocalPort();
    }

    /** Everything that reached the trap, e.g. {@code tcp from 127.0.0.1:50312: USER anonymous}. */
    public List<String> seen() {
        return List.copyOf(seen);
    }

    private void acceptLoop() {
        while (!tcp.isClosed()) {
            try (Socket client = tcp.accept()) {
                client.setSoTimeout(300);
                client.getOutputStream().write("220 trap ready\r\n".getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream received = new ByteArrayOutputStream();
                try {
                    InputStream in = client.getInputStream();
                    byte[] buffer = new byte[4096];
                    int n;
                    while (received.size() < MAX_RECORDED && (n = in.read(buffer)) > 0) {
                        received.write(buffer, 0, n);
                    }
                } catch (IOException quiet) {
                    // the client went quiet or away: what came is recorded
                }
                String text = received.toString(StandardCharsets.ISO_8859_1).strip();
                seen.add("tcp from " + client.getRemoteSocketAddress() + (text.isEmpty() ? "" : ": " + text));
            } catch (IOException e) {
                if (tcp.isClosed()) {
                    return;
                }
            }
        }
    }

    private void receiveLoop() {
        byte[] buffer = new byte[512];
        while (!udp.isClosed()) {
            try {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                udp.receive(packet);
                seen.add("udp from " + packet.getSocketAddress());
            } catch (IOException e) {
                if (udp.isClosed()) {
                    return;
                }
            }
        }
    }

    @Override
    public void close() {
        try {
            tcp.close();
        } catch (IOException ignored) {
            // closing
        }
        udp.close();
    }
}
