package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.WorkerFault;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Each job-take answer of docs/runpod-protocol.md §1.6, against the emulator. */
class JobTakerTest {

    private RunpodEmulator emulator;
    private JobTaker taker;
    private PlatformUrls urls;
    private PlatformClient client;

    @BeforeEach
    void start() {
        emulator = new RunpodEmulator().takeHold(Duration.ofMillis(50));
        Map<String, String> env = emulator.workerEnv("p1", "key");
        urls = PlatformUrls.of(env.get("RUNPOD_WEBHOOK_GET_JOB"), env.get("RUNPOD_WEBHOOK_POST_OUTPUT"), null, "p1");
        client = new PlatformClient("key", new WorkerIdentity("p1", "h", "ytw-worker/test"), Duration.ofSeconds(2));
        taker = new JobTaker(client, urls, Duration.ofMillis(800), new ObjectMapper());
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private JobTaker.Outcome take(int n) throws InterruptedException {
        return taker.take(n, false, () -> false);
    }

    @Test
    void aJsonObjectIsOneJobWithItsInput() throws Exception {
        emulator.enqueue("job-1", "{\"youtube_url\":\"https://example.com/v\"}");
        var jobs = assertInstanceOf(JobTaker.Jobs.class, take(1)).jobs();
        assertEquals(1, jobs.size());
        assertEquals("job-1", jobs.get(0).id());
        assertEquals("https://example.com/v", jobs.get(0).input().path("youtube_url").asText());
        var seen = emulator.requests(WorkerRoute.TAKE).get(0);
        assertEquals("0", seen.query().get("job_in_progress"));
        assertEquals("EMULATED GPU", seen.query().get("gpu"));
        assertEquals("key", seen.headers().get("authorization"));
    }

    @Test
    void aJsonArrayFromBatchTakeIsSeveralJobs() throws Exception {
        emulator.enqueue("a", "{}");
        emulator.enqueue("b", "{}");
        emulator.enqueue("c", "{}");
        var jobs = assertInstanceOf(JobTaker.Jobs.class, take(2)).jobs();
        assertEquals(2, jobs.size());
        assertEquals("2", emulator.requests(WorkerRoute.TAKE_BATCH).get(0).query().get("batch_size"));
        assertEquals(1, emulator.queued());
    }

    @Test
    void noContentAndBadRequestMeanNoJob() throws Exception {
        assertInstanceOf(JobTaker.NoJob.class, take(1)); // 204 after the hold
        emulator.inject(WorkerRoute.TAKE, WorkerFault.status(400), 1);
        assertInstanceOf(JobTaker.NoJob.class, take(1));
    }

    @Test
    void tooManyRequestsIsThrottledAndServerErrorsAreFailures() throws Exception {
        emulator.inject(WorkerRoute.TAKE, WorkerFault.throttle(5), 1);
        assertInstanceOf(JobTaker.Throttled.class, take(1));
        emulator.inject(WorkerRoute.TAKE, WorkerFault.status(502), 1);
        assertEquals("HTTP 502", assertInstanceOf(JobTaker.Failed.class, take(1)).reason());
        emulator.inject(WorkerRoute.TAKE, WorkerFault.status(401), 1);
        assertEquals("HTTP 401", assertInstanceOf(JobTaker.Failed.class, take(1)).reason());
    }

    @Test
    void nonJsonEmptyOrUnreadableTwoHundredsAreNoJob() throws Exception {
        emulator.inject(WorkerRoute.TAKE, WorkerFault.answer(200, "text/plain", "{\"id\":\"x\",\"input\":{}}"), 1);
        assertInstanceOf(JobTaker.NoJob.class, take(1));
        emulator.inject(WorkerRoute.TAKE, WorkerFault.answer(200, "application/json", ""), 1);
        assertInstanceOf(JobTaker.NoJob.class, take(1));
        emulator.inject(WorkerRoute.TAKE, WorkerFault.answer(200, "application/json", "{not json"), 1);
        assertInstanceOf(JobTaker.NoJob.class, take(1));
    }

    @Test
    void aJobWithoutInputIsTakenSoItCanBeAnsweredButOneWithoutIdIsSkipped() throws Exception {
        emulator.inject(WorkerRoute.TAKE_BATCH, WorkerFault.answer(200, "application/json", "[{\"id\":\"no-input\"},{\"input\":{}}]"), 1);
        var jobs = assertInstanceOf(JobTaker.Jobs.class, take(2)).jobs();
        assertEquals(1, jobs.size());
        assertEquals("no-input", jobs.get(0).id());
        assertNull(jobs.get(0).input());
    }

    @Test
    void aDroppedConnectionIsAFailureAndAHangPastTheCapIsNoJob() throws Exception {
        emulator.inject(WorkerRoute.TAKE, WorkerFault.drop(), 2); // the JDK client retries an idempotent GET once by itself
        assertInstanceOf(JobTaker.Failed.class, take(1));
        emulator.inject(WorkerRoute.TAKE, WorkerFault.hang(5_000), 1);
        long start = System.nanoTime();
        assertInstanceOf(JobTaker.NoJob.class, take(1));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 4_000, "the 800 ms cap was not applied");
    }

    @Test
    void aLongPollIsAbandonedWhenAskedTo() throws Exception {
        emulator.inject(WorkerRoute.TAKE, WorkerFault.hang(10_000), 1);
        long start = System.nanoTime();
        JobTaker patient = new JobTaker(client, urls, Duration.ofSeconds(8), new ObjectMapper());
        assertInstanceOf(JobTaker.NoJob.class, patient.take(1, false, () -> System.nanoTime() - start > 300_000_000L));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 3_000, "the long-poll was not abandoned");
    }
}
