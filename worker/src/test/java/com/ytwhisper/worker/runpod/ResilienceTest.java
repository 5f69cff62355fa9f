package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerFault;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Nothing is lost and no unwanted work goes on: outbox, stop channel, unhealthy start, refresh. */
class ResilienceTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    private final RunpodEmulator emulator = new RunpodEmulator().takeHold(Duration.ofMillis(100));
    private final StandInHandler handler = new StandInHandler();

    @TempDir
    Path stateDir;

    @AfterEach
    void stop() {
        emulator.close();
    }

    private long outboxFiles() throws IOException {
        Path outbox = stateDir.resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.filter(f -> f.toString().endsWith(".result.json")).count();
        }
    }

    @Test
    void aResultOutlivingItsBudgetWaitsInTheOutboxAndIsDeliveredOnceTheOutageEnds() throws Exception {
        emulator.injectForResults(WorkerFault.status(503), 40); // about 3 s of failures at these pauses
        LoopSettings settings = WorkerUnderTest.settings(1, Duration.ofSeconds(5), Duration.ofMillis(500), stateDir);
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, settings, false)) {
            emulator.enqueue("job-out", "{}");
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (outboxFiles() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, outboxFiles(), "the result was not kept in the outbox during the outage");
            JsonNode delivered = emulator.awaitFinal("job-out", WAIT);
            assertEquals("done", delivered.path("output").path("status").asText());
            Thread.sleep(500);
            assertEquals(1, emulator.finals("job-out").size(), "delivered more than once");
            assertEquals(0, outboxFiles());
            assertEquals(0, worker.stop(WAIT));
        }
    }

    @Test
    void aResultIsInTheOutboxBeforeItsFirstDeliveryAttemptAndGoneOnceAccepted() throws Exception {
        emulator.injectForResults(WorkerFault.status(500), 1);
        LoopSettings settings = WorkerUnderTest.settings(1, Duration.ofSeconds(5), Duration.ofSeconds(30), stateDir);
        java.util.List<Long> filesAtFirstAttempt = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, settings, false)) {
            emulator.enqueue("job-wal", "{}");
            emulator.awaitRequest(r -> r.route() == WorkerRoute.DONE && "job-wal".equals(r.jobId()) && !r.isProgress(),
                    WAIT, "the first job-done attempt");
            filesAtFirstAttempt.add(outboxFiles());
            emulator.awaitFinal("job-wal", WAIT);
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (outboxFiles() > 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, outboxFiles(), "an accepted result stayed in the outbox");
            assertEquals(0, worker.stop(WAIT));
        }
        assertEquals(1L, filesAtFirstAttempt.get(0), "the result was not written before its first job-done attempt");
        assertEquals(1, emulator.finals("job-wal").size());
    }

    @Test
    void aWorkerStartedOnTheSameStateFolderDeliversWhatAnEarlierOneLeft() throws Exception {
        emulator.injectForResults(WorkerFault.status(503), 100_000);
        LoopSettings settings = WorkerUnderTest.settings(1, Duration.ofSeconds(5), Duration.ofMillis(300), stateDir);
        try (WorkerUnderTest first = new WorkerUnderTest(emulator, handler, settings, false)) {
            emulator.enqueue("job-replay", "{\"n\":1}");
            long deadline = System.currentTimeMillis() + WAIT.toMillis();
            while (outboxFiles() == 0 && System.currentTimeMillis() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, first.stop(WAIT));
        }
        assertEquals(1, outboxFiles(), "the undelivered result did not survive the first worker");
        assertTrue(emulator.finals("job-replay").isEmpty());

        emulator.clearFaults();
        try (WorkerUnderTest second = new WorkerUnderTest(emulator, new StandInHandler(), settings, false)) {
            JsonNode delivered = emulator.awaitFinal("job-replay", WAIT);
            assertEquals(1, delivered.path("output").path("echo").path("n").asInt());
            assertEquals(0, second.stop(WAIT));
        }
        assertEquals(1, emulator.finals("job-replay").size());
        assertEquals(0, outboxFiles());
    }

    @Test
    void theStopChannelCancelsTheNamedRunningJobOnly() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(2), false)) {
            emulator.enqueue("keep", "{\"sleep_ms\":1500}");
            emulator.enqueue("stop-me", "{\"sleep_ms\":30000}");
            emulator.awaitRequest(r -> r.route() == WorkerRoute.PING && String.valueOf(r.query().get("job_id")).contains("stop-me"),
                    WAIT, "stop-me running");
            long stopped = System.currentTimeMillis();
            emulator.stop("stop-me");
            JsonNode answer = emulator.awaitFinal("stop-me", WAIT);
            assertTrue(System.currentTimeMillis() - stopped < 5_000, "the stop signal was not acted on promptly");
            assertEquals("job cancelled: stopped by the platform", answer.path("error").asText());
            assertTrue(handler.cancelled.contains("stop-me"));
            assertEquals("done", emulator.awaitFinal("keep", WAIT).path("output").path("status").asText());
            assertFalse(handler.cancelled.contains("keep"));
        }
    }

    @Test
    void theStopChannelMissingOnThisEndpointIsToleratedWithBackOff() throws Exception {
        emulator.inject(WorkerRoute.STOP, WorkerFault.status(404), 1_000);
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(1), false)) {
            emulator.enqueue("j", "{}");
            emulator.awaitFinal("j", WAIT);
            Thread.sleep(1_000);
            long polls = emulator.requests(WorkerRoute.STOP).size();
            assertTrue(polls >= 2 && polls < 1_300 / 20, "stop polls: " + polls);
        }
    }

    @Test
    void aFailedStartIsReportedUnhealthyOnThePingUrlAndExitsOne() throws Exception {
        handler.startupFailure = new IllegalStateException("CUDA driver not found: run on a GPU worker");
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(1), false)) {
            worker.thread.join(WAIT.toMillis());
            assertEquals(1, worker.exitCode.get());
        }
        SeenRequest report = emulator.requests(WorkerRoute.PING).get(0);
        assertEquals("unhealthy", report.query().get("status"));
        assertEquals("engine", report.query().get("check"));
        assertEquals("CUDA driver not found: run on a GPU worker", report.query().get("reason"));
        assertEquals(WorkerUnderTest.KEY, report.headers().get("authorization"));
        assertTrue(emulator.requests(WorkerRoute.TAKE).isEmpty(), "took jobs without an engine");
    }

    @Test
    void aDeliveredResultAskingForAFreshWorkerEndsTheWorkerWithoutTakingAnotherJob() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(1), true)) {
            emulator.enqueue("ok", "{}");
            emulator.enqueue("next", "{}");
            assertTrue(emulator.awaitFinal("ok", WAIT).path("stopPod").asBoolean());
            worker.thread.join(WAIT.toMillis());
            assertFalse(worker.thread.isAlive(), "the worker kept running after delivering a stopPod result");
            assertEquals(0, worker.exitCode.get());
        }
        assertTrue(emulator.finals("next").isEmpty(), "took a job after a stopPod result");
        assertEquals(1, emulator.queued(), "the next job must stay queued for a fresh worker");
    }

    @Test
    void aFailureAlsoAsksForAFreshWorkerAndHasTheFailureShape() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(1), true)) {
            emulator.enqueue("bad", "{\"fail\":\"nope\"}");
            JsonNode answer = emulator.awaitFinal("bad", WAIT);
            assertTrue(answer.path("stopPod").asBoolean(), answer.toString());
            worker.thread.join(WAIT.toMillis());
            assertEquals(0, worker.exitCode.get());
        }
    }

    @Test
    void aTakeTemplateWithoutJobTakeHasNoStopChannelAndLosesNoJob() throws Exception {
        // job-take-batch has no "/job-take/" segment: the stop URL cannot be derived from it, and
        // polling the take URL itself as a stop channel would take real jobs and drop them
        String template = emulator.baseUrl() + "/v2/" + RunpodEmulator.ENDPOINT_ID + "/job-take-batch/$RUNPOD_POD_ID";
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(1), false,
                java.util.Map.of("RUNPOD_WEBHOOK_GET_JOB", template))) {
            for (int i = 0; i < 6; i++) {
                emulator.enqueue("j" + i, "{\"sleep_ms\":100}");
            }
            for (int i = 0; i < 6; i++) {
                assertEquals("done", emulator.awaitFinal("j" + i, WAIT).path("output").path("status").asText());
            }
            assertEquals(0, worker.stop(WAIT));
        }
        assertTrue(emulator.requests(WorkerRoute.STOP).isEmpty());
    }

    @Test
    void aTemplateWithARawSpaceIsPercentEncodedAndTheLoopRuns() throws Exception {
        java.util.Map<String, String> env = emulator.workerEnv(WorkerUnderTest.POD, WorkerUnderTest.KEY);
        java.util.Map<String, String> spaced = new java.util.HashMap<>();
        for (String name : new String[] {"RUNPOD_WEBHOOK_GET_JOB", "RUNPOD_WEBHOOK_POST_OUTPUT", "RUNPOD_WEBHOOK_PING"}) {
            spaced.put(name, env.get(name).replace("EMULATED+GPU", "NVIDIA RTX A5000"));
        }
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(1), false, spaced)) {
            emulator.enqueue("spaced", "{}");
            assertEquals("done", emulator.awaitFinal("spaced", WAIT).path("output").path("status").asText());
            assertEquals(0, worker.stop(WAIT));
        }
        assertEquals("NVIDIA RTX A5000", emulator.requests(WorkerRoute.TAKE).get(0).query().get("gpu"));
        assertEquals("NVIDIA RTX A5000", emulator.requests(WorkerRoute.DONE).get(0).query().get("gpu"));
        assertTrue(emulator.requests(WorkerRoute.STOP).size() > 0, "the stop channel was not polled");
    }
}
