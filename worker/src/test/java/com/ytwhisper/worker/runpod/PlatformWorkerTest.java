package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerFault;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The worker's protocol loop end to end against the emulator, with the stand-in handler. */
class PlatformWorkerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private RunpodEmulator emulator;
    private final StandInHandler handler = new StandInHandler();
    private WorkerUnderTest worker;

    @BeforeEach
    void start() {
        emulator = new RunpodEmulator().takeHold(Duration.ofMillis(100)).requireApiKey(WorkerUnderTest.KEY);
    }

    @AfterEach
    void stop() throws InterruptedException {
        if (worker != null) {
            worker.close();
        }
        emulator.close();
    }

    private void startWorker(LoopSettings settings) {
        worker = new WorkerUnderTest(emulator, handler, settings, false);
    }

    @Test
    void runsAJobAndPostsItsResultWithTheSdkHeaders() throws Exception {
        startWorker(WorkerUnderTest.fast(1));
        emulator.enqueue("job-1", "{\"hello\":\"world\"}");
        JsonNode result = emulator.awaitFinal("job-1", WAIT);
        assertEquals("done", result.path("output").path("status").asText());
        assertEquals("world", result.path("output").path("echo").path("hello").asText());
        SeenRequest post = emulator.requests(WorkerRoute.DONE).stream().filter(r -> !r.isProgress()).findFirst().orElseThrow();
        assertEquals(WorkerUnderTest.KEY, post.headers().get("authorization"), "raw key, no Bearer");
        assertEquals("job-1", post.headers().get("x-request-id"));
        assertEquals("false", post.query().get("isStream"));
        assertEquals("EMULATED GPU", post.query().get("gpu"));
        assertEquals(WorkerUnderTest.POD, post.podId());
        assertTrue(post.headers().get("user-agent").startsWith("ytw-worker/test"));
        assertEquals(0, worker.stop(WAIT));
        assertEquals(1, emulator.finals("job-1").size());
    }

    @Test
    void aFailureResultCarriesErrorAndOutput() throws Exception {
        startWorker(WorkerUnderTest.fast(1));
        emulator.enqueue("job-f", "{\"fail\":\"no such video: check youtube_url\"}");
        JsonNode result = emulator.awaitFinal("job-f", WAIT);
        assertEquals("no such video: check youtube_url", result.path("error").asText());
        assertEquals("error", result.path("output").path("status").asText());
    }

    @Test
    void anExceptionBecomesAnErrorObjectStringWithoutInputValues() throws Exception {
        startWorker(WorkerUnderTest.fast(1));
        emulator.enqueue("job-x", "{\"aws_secret_key\":\"SUPERSECRET-42\",\"throw\":true}");
        JsonNode result = emulator.awaitFinal("job-x", WAIT);
        assertTrue(result.path("error").isTextual(), "error must be a string, not an object");
        String errorText = result.path("error").asText();
        assertFalse(errorText.contains("SUPERSECRET-42"), errorText);
        JsonNode error = new ObjectMapper().readTree(errorText);
        assertEquals("java.lang.IllegalStateException", error.path("error_type").asText());
        assertEquals("stand-in failure quoting [input value]", error.path("error_message").asText());
        assertTrue(error.path("error_traceback").asText().contains("StandInHandler"));
        assertEquals(WorkerUnderTest.POD, error.path("worker_id").asText());
        assertEquals(WorkerUnderTest.POD + "-0", error.path("hostname").asText());
        assertEquals("ytw-worker/test", error.path("worker_version").asText());
    }

    @Test
    void aJobWithoutInputIsAnsweredWithAClearError() throws Exception {
        startWorker(WorkerUnderTest.fast(1));
        emulator.enqueueRaw(new ObjectMapper().readTree("{\"id\":\"job-empty\"}"));
        JsonNode result = emulator.awaitFinal("job-empty", WAIT);
        assertTrue(result.path("error").asText().contains("no input"), result.toString());
    }

    @Test
    void deliveryIsRetriedThroughServerErrorsAndDropsAndAcceptedOnce() throws Exception {
        emulator.injectForResults(WorkerFault.status(503), 2);
        emulator.injectForResults(WorkerFault.drop(), 1);
        emulator.injectForResults(WorkerFault.status(500), 1);
        startWorker(WorkerUnderTest.fast(1));
        emulator.enqueue("job-r", "{}");
        emulator.awaitFinal("job-r", WAIT);
        worker.stop(WAIT);
        List<SeenRequest> posts = emulator.requests(WorkerRoute.DONE).stream()
                .filter(r -> "job-r".equals(r.jobId()) && !r.isProgress()).toList();
        assertEquals(5, posts.size(), "4 failed attempts, then one accepted");
        assertEquals(1, emulator.finals("job-r").size());
        JsonNode first = posts.get(0).body();
        posts.forEach(p -> assertEquals(first, p.body(), "every retry carries the same body"));
    }

    @Test
    void aClientErrorIsNotRetriedButReplacedOnceByAShortError() throws Exception {
        emulator.injectForResults(WorkerFault.status(413), 1);
        startWorker(WorkerUnderTest.fast(1));
        emulator.enqueue("job-big", "{}");
        JsonNode accepted = emulator.awaitFinal("job-big", WAIT);
        assertEquals("result rejected by the platform: HTTP 413", accepted.path("error").asText());
        worker.stop(WAIT);
        long posts = emulator.requests(WorkerRoute.DONE).stream().filter(r -> "job-big".equals(r.jobId()) && !r.isProgress()).count();
        assertEquals(2, posts, "the refused body once, the replacement once");
    }

    @Test
    void anOutageOfJobTakeIsPolledWithBackOffNotInAHotLoop() throws Exception {
        emulator.inject(WorkerRoute.TAKE, WorkerFault.status(500), 10_000);
        startWorker(WorkerUnderTest.fast(1));
        Thread.sleep(1_500);
        int takes = emulator.requests(WorkerRoute.TAKE).size();
        // back-off floor 20 ms: a hot loop would make hundreds of requests in 1.5 s
        assertTrue(takes >= 3 && takes <= 1_500 / 20, "take requests during the outage: " + takes);
    }

    @Test
    void throttledTakeWaitsBeforeAskingAgain() throws Exception {
        emulator.inject(WorkerRoute.TAKE, WorkerFault.throttle(5), 1);
        startWorker(WorkerUnderTest.fast(1));
        SeenRequest second = emulator.awaitRequest(r -> r.route() == WorkerRoute.TAKE && !r.faulted(), WAIT, "a second take");
        SeenRequest first = emulator.requests(WorkerRoute.TAKE).get(0);
        assertTrue(second.atMillis() - first.atMillis() >= 380, "waited only " + (second.atMillis() - first.atMillis()) + " ms");
    }

    @Test
    void heartbeatNamesTheRunningJobAndTheVersion() throws Exception {
        startWorker(WorkerUnderTest.fast(1));
        emulator.enqueue("job-long", "{\"sleep_ms\":800}");
        SeenRequest ping = emulator.awaitRequest(r -> r.route() == WorkerRoute.PING && "job-long".equals(r.query().get("job_id")),
                WAIT, "a ping naming job-long");
        assertEquals("ytw-worker/test", ping.query().get("runpod_version"));
        assertEquals(WorkerUnderTest.KEY, ping.headers().get("authorization"));
        emulator.awaitFinal("job-long", WAIT);
        assertTrue(emulator.requests(WorkerRoute.TAKE).stream().noneMatch(r -> "1".equals(r.query().get("job_in_progress"))),
                "asked for a job while the only slot was busy");
    }

    @Test
    void concurrencyTwoRunsTwoJobsAtOnceThroughBatchTake() throws Exception {
        emulator.enqueue("c1", "{\"sleep_ms\":600}");
        emulator.enqueue("c2", "{\"sleep_ms\":600}");
        startWorker(WorkerUnderTest.fast(2));
        emulator.awaitFinal("c1", WAIT);
        emulator.awaitFinal("c2", WAIT);
        assertEquals(2, handler.peakRunning.get());
        SeenRequest batch = emulator.requests(WorkerRoute.TAKE_BATCH).get(0);
        assertEquals("2", batch.query().get("batch_size"));
    }

    @Test
    void progressIsForwardedAtMostOncePerIntervalAndTheLastReportIsNotLost() throws Exception {
        startWorker(WorkerUnderTest.fast(1)); // 200 ms progress interval
        emulator.enqueue("job-p", "{\"sleep_ms\":1000,\"progress\":100,\"tail_ms\":500}");
        emulator.awaitFinal("job-p", WAIT);
        List<SeenRequest> updates = emulator.progress("job-p");
        assertTrue(updates.size() >= 3 && updates.size() <= 1500 / 200 + 3, "updates: " + updates.size());
        // (arrival gaps are not asserted: posts are sent in order, and a slow one can make two arrive together)
        assertEquals("queued", updates.get(0).body().path("output").path("stage").asText());
        JsonNode last = updates.get(updates.size() - 1).body().path("output");
        assertEquals("transcribing", last.path("stage").asText());
        assertEquals(100, last.path("percent").asInt(), "the report made inside the last interval was lost: " + last);
        SeenRequest finalPost = emulator.requests(WorkerRoute.DONE).stream().filter(r -> !r.isProgress()).findFirst().orElseThrow();
        assertTrue(updates.stream().allMatch(u -> u.atMillis() <= finalPost.atMillis()), "an update trailed the result");
    }
}
