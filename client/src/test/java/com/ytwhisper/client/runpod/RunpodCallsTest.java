package com.ytwhisper.client.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.ytwhisper.client.runpod.RunpodCallException.Kind;
import com.ytwhisper.client.testing.EmulatedEndpoint;
import com.ytwhisper.testkit.endpoint.EndpointEmulator;
import com.ytwhisper.testkit.endpoint.EndpointFault;
import com.ytwhisper.testkit.endpoint.EndpointRoute;
import com.ytwhisper.testkit.endpoint.RecordedRequest;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The retry policies against the emulated endpoint API (max retries 6, first back-off 20 ms,
 * call timeout 1 s, submit timeout 1.5 s; see {@link EmulatedEndpoint}).
 */
@QuarkusTest
@WithTestResource(EmulatedEndpoint.class)
class RunpodCallsTest {

    static final int ATTEMPTS = 7; // 1 + max-retries

    EndpointEmulator emulator;

    @Inject
    RunpodCalls calls;

    RunpodClient client;

    @BeforeEach
    void setUp() {
        emulator.reset();
        emulator.requireApiKey(EmulatedEndpoint.API_KEY).requireEndpointId(EmulatedEndpoint.ENDPOINT_ID);
        client = new RunpodClient(calls, new RunpodTarget(URI.create(emulator.baseUrl()), EmulatedEndpoint.ENDPOINT_ID,
                EmulatedEndpoint.API_KEY));
    }

    @Test
    void sendsTheKeyAsBearerAndTheJobAsInput() {
        String id = submit().body().id();
        RecordedRequest run = emulator.requests(EndpointRoute.RUN).get(0);
        assertEquals("Bearer " + EmulatedEndpoint.API_KEY, run.authorization());
        assertEquals("https://v.example/1", emulator.job(id).input().get("youtube_url").asText());
        assertEquals(3_600_000, emulator.job(id).policy().get("executionTimeout").asLong());
    }

    @Test
    void idempotentCallsRetryServerErrorsUpToTheLimit() {
        for (int i = 0; i < ATTEMPTS - 1; i++) {
            emulator.inject(EndpointRoute.HEALTH, EndpointFault.status(i % 2 == 0 ? 500 : 502));
        }
        client.health();
        assertEquals(ATTEMPTS, emulator.requests(EndpointRoute.HEALTH).size(), "6 failures, then the 7th attempt answered");

        emulator.reset();
        emulator.requireApiKey(EmulatedEndpoint.API_KEY);
        for (int i = 0; i < ATTEMPTS + 3; i++) {
            emulator.inject(EndpointRoute.HEALTH, EndpointFault.status(500));
        }
        RunpodCallException e = assertThrows(RunpodOutageException.class, client::health);
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals(ATTEMPTS, emulator.requests(EndpointRoute.HEALTH).size(), "gave up after max-retries");
    }

    @Test
    void retryAfterIsHonoured() {
        emulator.inject(EndpointRoute.HEALTH, EndpointFault.tooManyRequests(Duration.ofSeconds(1)));
        client.health();
        List<RecordedRequest> requests = emulator.requests(EndpointRoute.HEALTH);
        assertEquals(2, requests.size());
        Duration gap = Duration.between(requests.get(0).at(), requests.get(1).at());
        assertTrue(gap.toMillis() >= 950, "waited only " + gap.toMillis() + " ms after Retry-After: 1");
    }

    @Test
    void statusRetriesReadTimeoutsAndDroppedConnections() {
        String id = submit().body().id();
        emulator.inject(EndpointRoute.STATUS, EndpointFault.hang(Duration.ofSeconds(5)));
        emulator.inject(EndpointRoute.STATUS, EndpointFault.drop());
        // the hung and the dropped call were handled, so each moved the job one step on
        assertEquals("COMPLETED", client.status(id).body().status());
        assertEquals(3, emulator.requests(EndpointRoute.STATUS).size());
    }

    @Test
    void aRejectedKeyIsNotRetriedAndNotEchoed() {
        emulator.requireApiKey("another-key-0123456789");
        RunpodCallException e = assertThrows(RunpodCallException.class, client::health);
        assertEquals(Kind.KEY_REJECTED, e.kind());
        assertFalse(e instanceof RunpodOutageException);
        assertTrue(e.getMessage().contains("RUNPOD_API_KEY was rejected"), e.getMessage());
        assertFalse(e.getMessage().contains(EmulatedEndpoint.API_KEY));
        assertEquals(1, emulator.requests(EndpointRoute.HEALTH).size());
    }

    @Test
    void runIsRetriedWhenRefused() {
        emulator.inject(EndpointRoute.RUN, EndpointFault.tooManyRequests(Duration.ZERO));
        emulator.inject(EndpointRoute.RUN, EndpointFault.status(503));
        submit();
        assertEquals(3, emulator.requests(EndpointRoute.RUN).size());
        assertEquals(1, emulator.jobs().size());
    }

    @Test
    void runIsRetriedWhenTheConnectionIsRefused() throws Exception {
        emulator.pause();
        CompletableFuture<RunpodClient.Reply<RunResponse>> call = CompletableFuture.supplyAsync(this::submit);
        Thread.sleep(150);
        emulator.resume();
        assertEquals("IN_QUEUE", call.get().body().status());
        assertEquals(1, emulator.requests(EndpointRoute.RUN).size(), "the refused attempts never arrived");
        assertEquals(1, emulator.jobs().size());
    }

    @Test
    void runIsNotRetriedAfterAServerError() {
        emulator.inject(EndpointRoute.RUN, EndpointFault.status(500));
        RunpodCallException e = assertThrows(RunpodCallException.class, this::submit);
        assertEquals(Kind.SERVER_ERROR, e.kind());
        assertEquals(1, emulator.requests(EndpointRoute.RUN).size());
    }

    @Test
    void runIsNotRetriedAfterAReadTimeout() {
        emulator.inject(EndpointRoute.RUN, EndpointFault.hang(Duration.ofSeconds(5)));
        long start = System.nanoTime();
        assertThrows(TimeoutException.class, this::submit);
        long waitedMs = (System.nanoTime() - start) / 1_000_000;
        // /run has its own timeout key in application.properties; the 3 s call timeout must not apply
        assertTrue(waitedMs >= 3900, "/run gave up after " + waitedMs + " ms, before its 4 s submit timeout");
        assertEquals(1, emulator.requests(EndpointRoute.RUN).size());
        assertEquals(1, emulator.jobs().size(), "the job exists although no answer came");
    }

    @Test
    void runIsNotRetriedAfterADroppedConnection() {
        emulator.inject(EndpointRoute.RUN, EndpointFault.drop());
        RunpodCallException e = assertThrows(RunpodCallException.class, this::submit);
        assertEquals(Kind.NO_ANSWER, e.kind());
        assertEquals(1, emulator.requests(EndpointRoute.RUN).size());
    }

    @Test
    void anUnknownEndpointIsNotFoundWithoutRetries() {
        client = new RunpodClient(calls, new RunpodTarget(URI.create(emulator.baseUrl()), "other-endpoint",
                EmulatedEndpoint.API_KEY));
        RunpodCallException e = assertThrows(RunpodCallException.class, client::health);
        assertEquals(Kind.NOT_FOUND, e.kind());
        assertEquals(1, emulator.requests(EndpointRoute.HEALTH).size());
    }

    private RunpodClient.Reply<RunResponse> submit() {
        var input = RunpodJson.MAPPER.createObjectNode().put("youtube_url", "https://v.example/1").put("request_id", "r1");
        return client.run(new RunRequest(input, null, new RunRequest.Policy(3_600_000L, null)));
    }
}
