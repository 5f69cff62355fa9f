package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerFault;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The delivery guarantee of the built worker jar against the Runpod emulator: a final result
 * survives kill -9 and SIGTERM while job-done fails, a worker started on the same state folder
 * delivers it exactly once, and nothing half-written is ever sent. The jobs here fail at input
 * validation, which makes a real final result (an error body) without media or a bucket.
 */
class DeliveryIT {

    private static final Duration START = Duration.ofSeconds(90);
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A job the pipeline refuses at once: a real final body, {@code {"error", "output"}}. */
    private static final String INVALID_JOB = "{\"request_id\":\"talk-1\"}";

    @TempDir
    Path dir;

    private final RunpodEmulator emulator = new RunpodEmulator();
    private final List<ChildProcess> workers = new java.util.ArrayList<>();
    private final List<ProcessHandle> children = new java.util.ArrayList<>();

    @AfterEach
    void stop() {
        workers.forEach(ChildProcess::close);
        children.forEach(ProcessHandle::destroyForcibly);
        emulator.close();
    }

    private Path stateDir() {
        return dir.resolve("state");
    }

    private ChildProcess worker(Map<String, String> extra) {
        Map<String, String> env = new HashMap<>(emulator.workerEnv("pod-delivery", "key-it"));
        env.put("WORKER_STATE_DIR", stateDir().toString());
        env.put("WORKER_WORK_DIR", dir.resolve("jobs").toString());
        env.putAll(extra);
        ChildProcess worker = WorkerJar.start(env, dir);
        workers.add(worker);
        return worker;
    }

    private List<String> outboxFiles(String suffix) throws Exception {
        Path outbox = stateDir().resolve("outbox");
        if (!Files.isDirectory(outbox)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(outbox)) {
            return files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(suffix)).sorted().toList();
        }
    }

    /** Waits until job-done has refused the job's final result {@code attempts} times. */
    private void awaitRefusedAttempts(String jobId, int attempts) {
        emulator.awaitRequest(r -> emulator.requests(WorkerRoute.DONE).stream()
                        .filter(d -> jobId.equals(d.jobId()) && d.faulted() && !d.isProgress()).count() >= attempts,
                WAIT, attempts + " refused job-done attempts for " + jobId);
    }

    /** After the accepted result, a quiet while: a second delivery would arrive in it. */
    private void assertDeliveredOnce(String jobId) throws Exception {
        JsonNode accepted = emulator.awaitFinal(jobId, WAIT);
        assertEquals("error", accepted.path("output").path("status").asText(), accepted.toString());
        assertEquals("talk-1", accepted.path("output").path("request_id").asText(), accepted.toString());
        long deadline = System.currentTimeMillis() + 10_000;
        while (!outboxFiles(".result.json").isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(List.of(), outboxFiles(".result.json"), "a delivered result stayed in the outbox");
        Thread.sleep(1_000);
        assertEquals(1, emulator.finals(jobId).size(), "accepted job-done count for " + jobId);
    }

    @Test
    void killDashNineWhileJobDoneFailsInsideTheBudgetThenARestartDeliversTheResultExactlyOnce() throws Exception {
        emulator.injectForResults(WorkerFault.status(500), 100_000);
        ChildProcess first = worker(Map.of()); // the default 120 s delivery budget: still inside it at the kill
        emulator.enqueue("job-k9", INVALID_JOB);
        awaitRefusedAttempts("job-k9", 3);
        ProcessHandle.of(first.pid()).orElseThrow().descendants().forEach(children::add);
        ProcessHandle.of(first.pid()).orElseThrow().destroyForcibly(); // SIGKILL: no hook, no drain
        first.waitFor(Duration.ofSeconds(10));
        assertTrue(emulator.finals("job-k9").isEmpty());

        emulator.clearFaults();
        ChildProcess second = worker(Map.of());
        second.awaitLog(l -> l.contains("undelivered result(s) from an earlier run"), START, "the outbox replay");
        assertDeliveredOnce("job-k9");
        assertTrue(emulator.queued() == 0 && emulator.finals("job-k9").size() == 1);
    }

    @Test
    void sigtermWhileJobDoneFailsExitsZeroSaysWhatWaitsAndTheNextWorkerDeliversItOnce() throws Exception {
        emulator.injectForResults(WorkerFault.status(500), 100_000);
        ChildProcess first = worker(Map.of("WORKER_SHUTDOWN_GRACE_MS", "2000"));
        emulator.enqueue("job-term", INVALID_JOB);
        awaitRefusedAttempts("job-term", 3);
        first.terminate();
        assertEquals(0, first.waitFor(WAIT), first.stderr());
        Path outbox = stateDir().resolve("outbox");
        assertTrue(first.stderr().contains("1 result(s) the platform has not taken wait in " + outbox), first.stderr());
        assertEquals(List.of("job-term.result.json"), outboxFiles(".result.json"));
        assertTrue(emulator.finals("job-term").isEmpty());

        emulator.clearFaults();
        worker(Map.of());
        assertDeliveredOnce("job-term");
    }

    @Test
    void aHalfWrittenOutboxFileIsSetAsideWithAWarningAndNeverSent() throws Exception {
        Path outbox = Files.createDirectories(stateDir().resolve("outbox"));
        // cut short as a crash mid-write would leave it, next to a complete entry and an unfinished write
        Files.writeString(outbox.resolve("job-half.result.json"),
                "{\"jobId\":\"job-half\",\"body\":{\"output\":{\"status\":\"do");
        Files.writeString(outbox.resolve("pending-123.tmp"), "{\"jobId\":\"job-tmp\",\"bo");
        Files.writeString(outbox.resolve("job-whole.result.json"),
                "{\"jobId\":\"job-whole\",\"body\":{\"error\":\"e\",\"output\":{\"status\":\"error\",\"request_id\":\"talk-1\"}}}");
        ChildProcess worker = worker(Map.of());
        assertDeliveredOnce("job-whole");
        worker.awaitLog(l -> l.contains("WARN") && l.contains("job-half.result.json") && l.contains("not a complete result"),
                WAIT, "a warning about the half-written file");
        worker.awaitLog(l -> l.contains("WARN") && l.contains("pending-123.tmp"), WAIT, "a warning about the unfinished write");
        assertTrue(emulator.requests(WorkerRoute.DONE).stream().noneMatch(r -> "job-half".equals(r.jobId()) || "job-tmp".equals(r.jobId())),
                "a half-written result was sent");
        assertEquals(List.of("job-half.result.json.unreadable", "pending-123.tmp.unreadable"), outboxFiles(".unreadable"));
        worker.terminate();
        assertEquals(0, worker.waitFor(WAIT));
    }

    @Test
    void aHungProgressPostNeverHoldsBackTheFinalResult() throws Exception {
        // the job's first job-done post is its "queued" progress update: it hangs for a minute
        emulator.inject(WorkerRoute.DONE, WorkerFault.hang(60_000), 1);
        ChildProcess worker = worker(Map.of());
        emulator.enqueue("job-hung", INVALID_JOB);
        SeenRequest hung = emulator.awaitRequest(r -> r.route() == WorkerRoute.DONE && "job-hung".equals(r.jobId()),
                START, "the hung progress post");
        assertTrue(hung.isProgress(), hung.toString());
        emulator.awaitFinal("job-hung", WAIT);
        SeenRequest done = emulator.requests(WorkerRoute.DONE).stream()
                .filter(r -> "job-hung".equals(r.jobId()) && !r.isProgress() && !r.faulted()).findFirst().orElseThrow();
        // the request timeout (30 s) is what the final result used to wait for the hung post
        assertTrue(done.atMillis() - hung.atMillis() < 10_000,
                "the final result waited " + (done.atMillis() - hung.atMillis()) + " ms behind a hung progress post");
        worker.terminate();
        assertEquals(0, worker.waitFor(WAIT));
    }

    @Test
    void afterADeliveredStopPodResultTheWorkerTakesNoOtherJobAndExitsZero() throws Exception {
        ChildProcess worker = worker(Map.of("WORKER_REFRESH_AFTER_JOB", "true"));
        emulator.enqueue("job-refresh", INVALID_JOB);
        emulator.enqueue("job-next", INVALID_JOB);
        assertTrue(emulator.awaitFinal("job-refresh", START).path("stopPod").asBoolean());
        assertEquals(0, worker.waitFor(WAIT), worker.stderr());
        assertTrue(emulator.finals("job-next").isEmpty(), "took a job after a stopPod result");
        assertEquals(1, emulator.queued());
    }

    @Test
    void aJobStillRunningAtTheEndOfTheGraceGetsAShutdownErrorShapedAsEveryFailure() throws Exception {
        try (PlatformWorkerFixture fixture = new PlatformWorkerFixture(SpeechFixtures.speech(SpeechFixtures.TEXT),
                Map.of("WORKER_SHUTDOWN_GRACE_MS", "500"))) {
            fixture.emulator.enqueue("job-late", "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4?rate=4000")
                    + "\",\"request_id\":\"late-1\"}");
            fixture.emulator.awaitRequest(r -> r.route() == WorkerRoute.DONE && "job-late".equals(r.jobId()) && r.isProgress()
                            && "downloading".equals(r.body().path("output").path("stage").asText()),
                    START, "the job downloading");
            assertEquals(0, fixture.stop());
            JsonNode answer = fixture.emulator.awaitFinal("job-late", WAIT);
            assertTrue(answer.path("error").asText().startsWith("worker shutting down"), answer.toString());
            assertEquals("error", answer.path("output").path("status").asText(), answer.toString());
            assertEquals("late-1", answer.path("output").path("request_id").asText(), answer.toString());
            assertFalse(fixture.worker.isAlive());
        }
    }
}
