package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.sun.net.httpserver.HttpServer;
import com.ytwhisper.worker.egress.UrlPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Webhook posts against a real loopback receiver (JDK HttpServer) that records what arrives. */
class WebhookSenderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JobView FINAL = new JobView("job-1", LocalJobState.COMPLETED, 12L, 3400L,
            JsonNodeFactory.instance.objectNode().put("status", "done"), null, "local-w", null);

    /** One request as the receiver saw it. */
    record Received(String method, String path, String host, String contentType, String body) {
    }

    private HttpServer receiver;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    /** How many requests get a 500 before the receiver answers 200. */
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private WebhookSender sender;

    @BeforeEach
    void startReceiver() throws IOException {
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/", exchange -> {
            try (exchange) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("Host"), exchange.getRequestHeaders().getFirst("Content-Type"),
                        new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
                exchange.sendResponseHeaders(failuresLeft.getAndDecrement() > 0 ? 500 : 200, -1);
            }
        });
        receiver.start();
    }

    @AfterEach
    void stop() {
        if (sender != null) {
            sender.close();
        }
        receiver.stop(0);
    }

    private URI hook(String host) {
        return URI.create("http://" + host + ":" + receiver.getAddress().getPort() + "/hooks/done?token=abc");
    }

    @Test
    void theFinalStatusIsPostedAsJson() throws Exception {
        sender = new WebhookSender(UrlPolicy.of("127.0.0.1/32", ""), JSON, new long[] {50, 50});
        sender.ended(hook("127.0.0.1"), FINAL);
        awaitTrue(() -> received.size() == 1);
        Received post = received.get(0);
        assertEquals("POST", post.method());
        assertEquals("/hooks/done?token=abc", post.path());
        assertEquals("application/json", post.contentType());
        JsonNode body = JSON.readTree(post.body());
        assertEquals(JSON.readTree(JSON.writeValueAsString(FINAL)), body, "the body /status shows");
        assertEquals("COMPLETED", body.path("status").asText());
        assertEquals("done", body.path("output").path("status").asText());
    }

    @Test
    void aFailedPostIsRetriedWithBackOffAndStopsAfterThreeAttempts() {
        sender = new WebhookSender(UrlPolicy.of("127.0.0.1/32", ""), JSON, new long[] {100, 300});
        failuresLeft.set(1);
        long start = System.nanoTime();
        sender.ended(hook("127.0.0.1"), FINAL);
        awaitTrue(() -> received.size() == 2);
        assertTrue(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) >= 100, "waited before retrying");
        assertEquals(received.get(0).body(), received.get(1).body());

        received.clear();
        failuresLeft.set(100);
        sender.ended(hook("127.0.0.1"), FINAL);
        awaitTrue(() -> received.size() == 3);
        sender.close(); // retries still waiting are dropped; none is
        assertEquals(3, received.size(), "three attempts, then it gives up");
    }

    @Test
    void aDestinationTheGuardRefusesIsNeverContacted() {
        sender = new WebhookSender(UrlPolicy.strict(), JSON, new long[] {10, 10});
        sender.ended(hook("127.0.0.1"), FINAL);
        sender.ended(hook("localhost"), FINAL);
        sender.close(); // waits for the attempts under way
        assertEquals(List.of(), received);
    }

    @Test
    void itConnectsToTheAddressItCheckedAndKeepsTheNameInHost() {
        // hook.test resolves only through the policy's resolver: a second lookup by anyone else would fail
        UrlPolicy policy = UrlPolicy.of("127.0.0.1/32", "", host -> {
            if (!host.equals("hook.test")) {
                throw new java.net.UnknownHostException(host);
            }
            return new InetAddress[] {InetAddress.getByAddress("hook.test", new byte[] {127, 0, 0, 1})};
        });
        sender = new WebhookSender(policy, JSON, new long[] {10, 10});
        sender.ended(hook("hook.test"), FINAL);
        awaitTrue(() -> received.size() == 1);
        assertEquals("hook.test:" + receiver.getAddress().getPort(), received.get(0).host());
    }

    private static void awaitTrue(BooleanSupplier condition) {
        await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(10)).until(condition::getAsBoolean);
    }
}
