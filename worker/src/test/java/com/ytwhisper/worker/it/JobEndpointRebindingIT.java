package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.worker.egress.TrapListener;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding against a job's {@code s3_endpoint_url}, through the real jar. The worker's JVM
 * resolves names from a hosts file the test controls ({@code jdk.net.hosts.file}, no address
 * cache): {@code rebinding.test} first answers 127.0.0.2, which the deployment allows
 * ({@code WORKER_ALLOW_PRIVATE_URLS}) and where a relay leads to the real S3 server, so the job's
 * start-up check and its write check before the download pass; once the download has begun it
 * answers 127.0.0.1, where a trap on the same port stands for the worker's own services. No
 * request may reach the trap.
 */
class JobEndpointRebindingIT {

    static final String NAME = "rebinding.test";
    static final String ALLOWED = "127.0.0.2";

    static Path hosts;
    static TrapListener trap;
    static TcpRelay relay;
    static PlatformWorkerFixture fixture;

    static void answer(String address) throws Exception {
        Path next = hosts.resolveSibling("hosts.next");
        Files.writeString(next, "127.0.0.1 localhost\n127.0.0.1 " + InetAddress.getLocalHost().getHostName() + "\n"
                + address + " " + NAME + "\n");
        Files.move(next, hosts, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @BeforeAll
    static void start() throws Exception {
        hosts = Files.createTempDirectory("ytw-rebinding").resolve("hosts");
        answer(ALLOWED); // the job's start-up check and its write check pass
        trap = TrapListener.start();
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(), Map.of(
                "JAVA_TOOL_OPTIONS", "-Djdk.net.hosts.file=" + hosts + " -Dsun.net.inetaddr.ttl=0"
                        + " -Dsun.net.inetaddr.negative.ttl=0",
                "WORKER_ALLOW_PRIVATE_URLS", ALLOWED + "/32",
                "WORKER_S3_MAX_ATTEMPTS", "1"));
        relay = TcpRelay.start(new InetSocketAddress(ALLOWED, trap.port()),
                new InetSocketAddress("127.0.0.1", fixture.s3.endpoint().getPort()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (relay != null) {
            relay.close();
        }
        if (trap != null) {
            trap.close();
        }
    }

    @Test
    void anEndpointThatRebindsToLoopbackDuringTheJobGetsNoRequest() throws Exception {
        ObjectNode in = new ObjectMapper().createObjectNode();
        in.put("youtube_url", fixture.media.url("/speech.mp4?rate=200000"));
        in.put("s3_endpoint_url", "http://" + NAME + ":" + trap.port());
        in.put("s3_bucket", PlatformWorkerFixture.BUCKET);
        in.put("aws_access_key", "AKIAJOBKEY0000000001");
        in.put("aws_secret_key", "job-secret-for-the-trap");
        fixture.media.clearRequests();
        fixture.emulator.enqueue("rebinding", in.toString());
        await("the download has started").atMost(PlatformWorkerFixture.JOB_WAIT).pollInterval(Duration.ofMillis(10))
                .until(() -> fixture.media.requests().stream().anyMatch(r -> r.startsWith("GET /speech.mp4")));
        answer("127.0.0.1"); // the endpoint was checked before the download began; now it rebinds

        JsonNode result = fixture.emulator.awaitFinal("rebinding", PlatformWorkerFixture.JOB_WAIT);

        String error = result.path("error").asText("");
        assertEquals("error", result.path("output").path("status").asText(), result.toString());
        assertTrue(error.startsWith("s3_endpoint_url " + NAME + ":" + trap.port() + " led to a destination"), error);
        assertTrue(error.contains("loopback address 127.0.0.1"), error);
        assertEquals(List.of(), trap.seen(), "the rebound name reached the loopback trap");
    }
}
