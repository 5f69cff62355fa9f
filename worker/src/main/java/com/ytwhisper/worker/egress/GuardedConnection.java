package com.ytwhisper.worker.egress;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;

/** One client connection through the {@link EgressGuard}: read the request, check, connect, relay. */
final class GuardedConnection {

    private final Socket client;
    private final EgressGuard guard;
    private final long idleMillis;
    private volatile long lastActivity = System.nanoTime();
    private Socket remote;

    GuardedConnection(Socket client, EgressGuard guard) {
        this.client = client;
        this.guard = guard;
        this.idleMillis = guard.settings().idleTimeout().toMillis();
    }

    void run() {
        if (!guard.track(client)) {
            EgressGuard.closeQuietly(client);
            return;
        }
        try {
            client.setSoTimeout((int) idleMillis);
            InputStream in = new BufferedInputStream(client.getInputStream());
            ProxyRequestHead head = ProxyRequestHead.read(in);
            if (head != null) {
                serve(head, in);
            }
        } catch (IOException e) {
            // the client went away or sent garbage; nothing to report to the job
        } finally {
            if (remote != null) {
                guard.untrack(remote);
            }
            guard.untrack(client);
        }
    }

    /** Where a request goes: host and port as spelled, and for plain HTTP the origin-form path. */
    private record Target(HostAndPort hostPort, String originForm) {

        static Target of(ProxyRequestHead head) {
            if (head.isConnect()) {
                return new Target(HostAndPort.parse(head.target(), 443), null);
            }
            String t = head.target();
            if (!t.regionMatches(true, 0, "http://", 0, 7)) {
                throw new IllegalArgumentException("the egress guard takes CONNECT or absolute http:// requests only");
            }
            int end = 7;
            while (end < t.length() && "/?#".indexOf(t.charAt(end)) < 0) {
                end++;
            }
            String rest = t.substring(end);
            return new Target(HostAndPort.parse(t.substring(7, end), 80),
                    rest.isEmpty() ? "/" : rest.startsWith("/") ? rest : "/" + rest);
        }
    }

    private void serve(ProxyRequestHead head, InputStream in) throws IOException {
        OutputStream out = client.getOutputStream();
        Target request;
        try {
            request = Target.of(head);
        } catch (IllegalArgumentException e) {
            answer(out, 400, "bad request target: " + e.getMessage());
            return;
        }
        HostAndPort target = request.hostPort();
        if (guard.limitReached()) {
            guard.refused("refused destination " + target + ": download size limit reached");
            answer(out, 403, "download size limit reached");
            return;
        }
        List<InetAddress> addresses;
        try {
            addresses = guard.policy().checkDestination(target.host(), target.port());
        } catch (DestinationRefusedException e) {
            guard.refused("refused destination " + e.getMessage());
            answer(out, 403, "refused destination " + e.getMessage());
            return;
        }
        InetAddress address;
        try {
            address = connect(addresses, target.port());
        } catch (IOException e) {
            guard.failed("could not connect to " + target + ": " + e.getMessage());
            answer(out, 502, "could not connect to " + target);
            return;
        }
        guard.allowed((head.isConnect() ? "CONNECT " : head.method() + " ") + target + " -> " + address.getHostAddress());
        OutputStream remoteOut = remote.getOutputStream();
        InputStream remoteIn = remote.getInputStream();
        String checked = HostAndPort.format(address.getHostAddress(), target.port());
        var upstream = guard.settings().upstream();
        String upstreamAuth = upstream.flatMap(UpstreamProxy::authorization)
                .map(a -> "Proxy-Authorization: " + a).orElse(null);
        if (head.isConnect()) {
            if (upstream.isPresent()) {
                EgressGuard.write(remoteOut, "CONNECT " + checked + " HTTP/1.1\r\nHost: " + checked + "\r\n"
                        + (upstreamAuth == null ? "" : upstreamAuth + "\r\n") + "\r\n");
                int status = ProxyRequestHead.readStatus(remoteIn);
                if (status / 100 != 2) {
                    guard.failed("upstream proxy " + upstream.get() + " answered " + status + " for " + target);
                    answer(out, 502, "upstream proxy answered " + status);
                    return;
                }
            }
            EgressGuard.write(out, "HTTP/1.1 200 Connection established\r\n\r\n");
        } else {
            // to an upstream proxy the request stays absolute, pinned to the checked address
            String forwardTarget = upstream.isPresent() ? "http://" + checked + request.originForm() : request.originForm();
            EgressGuard.write(remoteOut, head.forOrigin(forwardTarget, upstream.isPresent() ? upstreamAuth : null));
        }
        relay(in, out, remoteIn, remoteOut);
    }

    /**
     * Connects to the first checked address that answers and returns it; with an upstream proxy,
     * connects to the proxy and returns the first checked address for it to use.
     */
    private InetAddress connect(List<InetAddress> addresses, int port) throws IOException {
        var upstream = guard.settings().upstream();
        if (upstream.isPresent()) {
            remote = open(new InetSocketAddress(upstream.get().host(), upstream.get().port()));
            return addresses.get(0);
        }
        IOException last = new IOException("no address");
        for (InetAddress address : addresses) {
            try {
                remote = open(new InetSocketAddress(address, port));
                return address;
            } catch (IOException e) {
                last = e;
            }
        }
        throw last;
    }

    private Socket open(InetSocketAddress to) throws IOException {
        Socket socket = new Socket();
        if (!guard.track(socket)) {
            throw new IOException("egress guard closed");
        }
        try {
            socket.connect(to, (int) guard.settings().connectTimeout().toMillis());
            socket.setSoTimeout((int) idleMillis);
            return socket;
        } catch (IOException e) {
            guard.untrack(socket);
            throw e;
        }
    }

    /** Copies both ways until both sides are done or the connection idles out. */
    private void relay(InputStream clientIn, OutputStream clientOut, InputStream remoteIn, OutputStream remoteOut) {
        try {
            guard.execute(() -> {
                copy(clientIn, remoteOut, false);
                shutdownOutput(remote);
            });
        } catch (RejectedExecutionException e) {
            return; // the guard is closing
        }
        copy(remoteIn, clientOut, true);
        shutdownOutput(client);
    }

    private void copy(InputStream from, OutputStream to, boolean counted) {
        byte[] buffer = new byte[32 * 1024];
        while (true) {
            int n;
            try {
                n = from.read(buffer);
            } catch (SocketTimeoutException e) {
                if ((System.nanoTime() - lastActivity) / 1_000_000 < idleMillis) {
                    continue; // the other direction is busy; this one may wait
                }
                closeBoth();
                return;
            } catch (IOException e) {
                closeBoth();
                return;
            }
            if (n < 0) {
                return;
            }
            lastActivity = System.nanoTime();
            if (counted && !guard.count(n)) {
                closeBoth();
                return;
            }
            try {
                to.write(buffer, 0, n);
                to.flush();
            } catch (IOException e) {
                closeBoth();
                return;
            }
        }
    }

    private void closeBoth() {
        EgressGuard.closeQuietly(client);
        if (remote != null) {
            EgressGuard.closeQuietly(remote);
        }
    }

    private static void shutdownOutput(Socket socket) {
        try {
            socket.shutdownOutput();
        } catch (IOException ignored) {
            // already closed
        }
    }

    private static void answer(OutputStream out, int status, String message) throws IOException {
        byte[] body = (message + "\n").getBytes(StandardCharsets.UTF_8);
        String reason = switch (status) {
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 502 -> "Bad Gateway";
            default -> "Service Unavailable";
        };
        EgressGuard.write(out, "HTTP/1.1 " + status + " " + reason + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length + "\r\nX-Egress-Guard: " + (status == 403 ? "refused" : "error")
                + "\r\nConnection: close\r\n\r\n");
        out.write(body);
        out.flush();
    }

    static void answerQuietly(Socket socket, int status, String message) {
        try (socket) {
            answer(socket.getOutputStream(), status, message);
        } catch (IOException ignored) {
            // the client is gone
        }
    }
}
