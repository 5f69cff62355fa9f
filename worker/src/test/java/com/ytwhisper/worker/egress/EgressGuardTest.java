package com.ytwhisper.worker.egress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.media.MediaServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressGuardTest {

    private static MediaServer media;

    @BeforeAll
    static void startMedia() {
        media = MediaServer.start();
    }

    @AfterAll
    static void stopMedia() {
        media.close();
    }

    @BeforeEach
    void clearLog() {
        media.clearRequests();
    }

    private static EgressGuard.Settings settings(int maxConnections, Optional<UpstreamProxy> upstream) {
        return new EgressGuard.Settings(Duration.ofSeconds(2), Duration.ofMillis(800), maxConnections, upstream);
    }

    private static EgressGuard guard(String allowPrivate, long maxBytes, Runnable onLimit) throws IOException {
        return EgressGuard.start(UrlPolicy.of(allowPrivate, ""), settings(8, Optional.empty()), maxBytes, onLimit);
    }

    private static HttpResponse<byte[]> getThrough(EgressGuard guard, String url) throws Exception {
        URI proxy = URI.create(guard.proxyUrl());
        HttpClient client = HttpClient.newBuilder()
                .proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())))
                .connectTimeout(Duration.ofSeconds(5)).build();
        return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    /** Sends a raw request head to the guard and returns everything it answers. */
    private static String raw(EgressGuard guard, String head) throws IOException {
        URI proxy = URI.create(guard.proxyUrl());
        try (Socket socket = new Socket(proxy.getHost(), proxy.getPort())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(head.getBytes(StandardCharsets.ISO_8859_1));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void allowedPlainHttpIsRelayed() throws Exception {
        try (EgressGuard guard = guard(media.hostPort(), Long.MAX_VALUE, () -> { })) {
            HttpResponse<byte[]> response = getThrough(guard, media.url("/page.html"));
            assertEquals(200, response.statusCode());
            assertTrue(new String(response.body(), StandardCharsets.UTF_8).contains("<video"));
            assertEquals(1, media.requests().size());
            assertTrue(guard.accessLog().get(0).startsWith("GET " + media.hostPort()), guard.accessLog().toString());
            assertTrue(guard.refusals().isEmpty());
            assertTrue(guard.bytesReceived() >= response.body().length);
        }
    }

    @Test
    void refusedPlainHttpGets403AndReachesNothing() throws Exception {
        try (EgressGuard guard = guard("", Long.MAX_VALUE, () -> { })) {
            HttpResponse<byte[]> response = getThrough(guard, media.url("/speech.mp4"));
            assertEquals(403, response.statusCode());
            String body = new String(response.body(), StandardCharsets.UTF_8);
            assertTrue(body.contains("refused destination " + media.hostPort() + ": loopback address"), body);
            assertEquals(1, guard.refusals().size());
            assertTrue(media.requests().isEmpty(), media.requests().toString());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "[::1]", "2130706433", "0x7f.1", "017700000001", "localhost", "0.0.0.0",
        "169.254.169.254", "[::ffff:127.0.0.1]", "127.0.0.2"})
    void connectToAnySpellingOfANonPublicAddressIsRefused(String host) throws Exception {
        try (EgressGuard guard = guard("", Long.MAX_VALUE, () -> { })) {
            String target = host + ":" + media.port();
            String answer = raw(guard, "CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
            assertTrue(answer.contains("refused destination"), answer);
            assertEquals(1, guard.refusals().size());
            assertTrue(media.requests().isEmpty(), media.requests().toString());
        }
    }

    @Test
    void allowedConnectTunnelsBytes() throws Exception {
        try (EgressGuard guard = guard(media.hostPort(), Long.MAX_VALUE, () -> { })) {
            String answer = raw(guard, "CONNECT " + media.hostPort() + " HTTP/1.1\r\n\r\n"
                    + "GET /page.html HTTP/1.1\r\nHost: " + media.hostPort() + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200 Connection established"), answer);
            assertTrue(answer.contains("og:video"), answer);
            assertEquals("CONNECT " + media.hostPort() + " -> 127.0.0.1", guard.accessLog().get(0));
        }
    }

    @Test
    void spentByteBudgetCutsTheTransferAndRefusesMore() throws Exception {
        AtomicInteger calls = new AtomicInteger();
        long size = java.nio.file.Files.size(media.speech().mp4());
        try (EgressGuard guard = guard(media.hostPort(), 10_000, calls::incrementAndGet)) {
            String cut = raw(guard, "GET " + media.url("/speech.mp4?chunked=1") + " HTTP/1.1\r\nHost: x\r\n\r\n");
            assertTrue(cut.length() < size, "the client got less than the file: " + cut.length());
            assertTrue(guard.limitReached());
            assertEquals(1, calls.get());
            assertTrue(guard.bytesReceived() < size, "cut before the whole file: " + guard.bytesReceived());
            HttpResponse<byte[]> again = getThrough(guard, media.url("/page.html"));
            assertEquals(403, again.statusCode());
            assertTrue(guard.refusals().get(0).contains("download size limit reached"));
        }
    }

    @Test
    void chainsThroughTheUpstreamProxyPinnedToTheCheckedAddress() throws Exception {
        try (EgressGuard upstream = guard("true", Long.MAX_VALUE, () -> { });
             EgressGuard guard = EgressGuard.start(UrlPolicy.of(media.hostPort(), ""),
                     settings(8, UpstreamProxy.parse(upstream.proxyUrl())), Long.MAX_VALUE, () -> { })) {
            HttpResponse<byte[]> response = getThrough(guard, "http://localhost:" + media.port() + "/page.html");
            assertEquals(200, response.statusCode());
            assertEquals("GET 127.0.0.1:" + media.port() + " -> 127.0.0.1", upstream.accessLog().get(0),
                    "the upstream proxy is asked for the checked address, not the name");
            String tunnel = raw(guard, "CONNECT " + media.hostPort() + " HTTP/1.1\r\n\r\n"
                    + "GET /page.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            assertTrue(tunnel.contains("og:video"), tunnel);
            assertEquals(2, upstream.accessLog().size());
        }
    }

    @Test
    void tooManyConnectionsGet503() throws Exception {
        try (EgressGuard guard = EgressGuard.start(UrlPolicy.strict(), settings(1, Optional.empty()), Long.MAX_VALUE, () -> { });
             Socket idle = new Socket(InetAddress.getLoopbackAddress(), URI.create(guard.proxyUrl()).getPort())) {
            idle.getOutputStream().write('G'); // holds the only permit until it idles out
            Thread.sleep(100);
            String answer = raw(guard, "CONNECT 8.8.8.8:443 HTTP/1.1\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 503"), answer);
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (EgressGuard guard = guard("", Long.MAX_VALUE, () -> { });
             Socket idle = new Socket(InetAddress.getLoopbackAddress(), URI.create(guard.proxyUrl()).getPort())) {
            idle.setSoTimeout(10_000);
            long start = System.nanoTime();
            assertEquals(-1, idle.getInputStream().read());
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 8);
        }
    }

    @Test
    void closeEndsOpenTunnelsAndStopsListening() throws Exception {
        EgressGuard guard = guard(media.hostPort(), Long.MAX_VALUE, () -> { });
        int port = URI.create(guard.proxyUrl()).getPort();
        Socket client = new Socket(InetAddress.getLoopbackAddress(), port);
        client.setSoTimeout(10_000);
        OutputStream out = client.getOutputStream();
        out.write(("CONNECT " + media.hostPort() + " HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = client.getInputStream();
        byte[] established = new byte[39];
        assertEquals(39, in.readNBytes(established, 0, 39));
        guard.close();
        assertEquals(-1, in.read(), "the open tunnel ends");
        client.close();
        assertThrows(IOException.class, () -> new Socket(InetAddress.getLoopbackAddress(), port).close());
        assertFalse(Thread.getAllStackTraces().keySet().stream()
                .anyMatch(t -> t.isAlive() && t.getName().startsWith("egress-guard-" + port + "-")));
    }

    @Test
    void upstreamProxySettingIsCheckedWithoutEchoingIt() {
        assertTrue(UpstreamProxy.parse("").isEmpty());
        UpstreamProxy proxy = UpstreamProxy.parse("http://user:s3cret@proxy.example:3128").orElseThrow();
        assertEquals("Basic dXNlcjpzM2NyZXQ=", proxy.authorization().orElseThrow());
        assertFalse(proxy.toString().contains("s3cret"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> UpstreamProxy.parse("socks5://user:s3cret@proxy.example:1080"));
        assertTrue(e.getMessage().contains("YTDLP_PROXY"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
    }
}
