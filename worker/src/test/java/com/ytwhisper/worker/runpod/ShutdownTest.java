package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The drain after SIGTERM (docs/runpod-protocol.md §1.16): stop taking, finish or answer every held job, exit 0. */
class ShutdownTest {

    private final RunpodEmulator emulator = new RunpodEmulator().takeHold(Duration.ofMillis(100));
    private final StandInHandler handler = new StandInHandler();

    @AfterEach
    void stop() {
        emulator.close();
    }

    private static LoopSettings withGrace(Duration grace) {
        return WorkerUnderTest.settings(1, grace, Duration.ofSeconds(3), WorkerUnderTest.freshStateDir());
    }

    @Test
    void aRunningJobFinishesAndIsDeliveredAndNoJobIsTakenAfterTheSignal() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, withGrace(Duration.ofSeconds(5)), false)) {
            emulator.enqueue("job-1", "{\"sleep_ms\":700}");
            emulator.awaitRequest(r -> r.route() == WorkerRoute.PING && "job-1".equals(r.query().get("job_id")),
                    Duration.ofSeconds(5), "job-1 running");
            emulator.enqueue("job-2", "{}");
            long signalled = System.currentTimeMillis();
            assertEquals(0, worker.stop(Duration.ofSeconds(10)));
            assertEquals("done", emulator.finals("job-1").get(0).path("output").path("status").asText());
            assertTrue(emulator.finals("job-2").isEmpty(), "took a job after the signal");
            assertEquals(1, emulator.queued(), "job-2 must stay queued for another worker");
            long lateTakes = emulator.requests(WorkerRoute.TAKE).stream().filter(r -> r.atMillis() > signalled + 50).count();
            assertEquals(0, lateTakes);
        }
    }

    @Test
    void aJobStillRunningAtTheDeadlineIsCancelledAndAnsweredWithAShutdownError() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, withGrace(Duration.ofMillis(400)), false)) {
            emulator.enqueue("job-stuck", "{\"sleep_ms\":30000,\"ignore_cancel\":true}");
            emulator.awaitRequest(r -> r.route() == WorkerRoute.PING && "job-stuck".equals(r.query().get("job_id")),
                    Duration.ofSeconds(5), "job-stuck running");
            long start = System.nanoTime();
            assertEquals(0, worker.stop(Duration.ofSeconds(10)));
            long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
            assertTrue(tookMs < 5_000, "drain took " + tookMs + " ms with a 400 ms grace");
            JsonNode answer = emulator.finals("job-stuck").get(0);
            assertTrue(answer.path("error").asText().startsWith("worker shutting down"), answer.toString());
            assertEquals("error", answer.path("output").path("status").asText(), answer.toString());
            assertEquals("job-stuck", answer.path("output").path("request_id").asText(), answer.toString());
        }
    }

    @Test
    void aCooperativeJobIsCancelledAtTheDeadlineAndAnsweredOnce() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, withGrace(Duration.ofMillis(300)), false)) {
            emulator.enqueue("job-coop", "{\"sleep_ms\":30000}");
            emulator.awaitRequest(r -> r.route() == WorkerRoute.PING && "job-coop".equals(r.query().get("job_id")),
                    Duration.ofSeconds(5), "job-coop running");
            assertEquals(0, worker.stop(Duration.ofSeconds(10)));
            Thread.sleep(300);
            assertEquals(1, emulator.finals("job-coop").size());
            assertTrue(handler.cancelled.contains("job-coop"));
        }
    }

    @Test
    void anIdleWorkerStopsPromptly() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, withGrace(Duration.ofSeconds(60)), false)) {
            emulator.awaitRequest(r -> r.route() == WorkerRoute.TAKE, Duration.ofSeconds(5), "a take");
            long start = System.nanoTime();
            assertEquals(0, worker.stop(Duration.ofSeconds(10)));
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000);
        }
    }

    @Test
    void theSignalIsSeenByTheRunningWorkerOnlyOnce() throws Exception {
        try (WorkerUnderTest worker = new WorkerUnderTest(emulator, handler, withGrace(Duration.ofSeconds(5)), false)) {
            SeenRequest take = emulator.awaitRequest(r -> r.route() == WorkerRoute.TAKE, Duration.ofSeconds(5), "a take");
            worker.worker.requestShutdown();
            worker.worker.requestShutdown();
            assertEquals(0, worker.stop(Duration.ofSeconds(10)));
            assertTrue(take.atMillis() > 0);
        }
    }
}
