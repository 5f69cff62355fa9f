package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import jakarta.inject.Inject;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.ytwhisper.client.jobs.Submission.SubmitFailed;
import com.ytwhisper.client.runpod.RunpodCalls;
import com.ytwhisper.client.runpod.RunpodClient;
import com.ytwhisper.client.runpod.RunpodTarget;
import com.ytwhisper.client.testing.EmulatedEndpoint;
import com.ytwhisper.testkit.endpoint.EndpointEmulator;
import com.ytwhisper.testkit.endpoint.EndpointFault;
import com.ytwhisper.testkit.endpoint.EndpointRoute;
import com.ytwhisper.testkit.endpoint.Step;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.faulttolerance.api.CircuitBreakerMaintenance;

/** Submission and polling against the emulated endpoint API, one fresh jobs folder per test. */
@QuarkusTest
@WithTestResource(EmulatedEndpoint.class)
class PollerTest {

    EndpointEmulator emulator;

    @Inject
    RunpodCalls calls;

    @Inject
    StatusBreaker breaker;

    @Inject
    CircuitBreakerMaintenance breakers;

    @TempDir
    Path home;

    JobStore store;
    RawLog rawLog;
    RunpodClient client;
    Submission submission;
    Poller poller;

    @BeforeEach
    void setUp() {
        emulator.reset();
        emulator.requireApiKey(EmulatedEndpoint.API_KEY);
        Secrets secrets = new Secrets(List.of(EmulatedEndpoint.API_KEY));
        store = new JobStore(home, secrets);
        rawLog = new RawLog(store, secrets);
        client = new RunpodClient(calls, new RunpodTarget(URI.create(emulator.baseUrl()), EmulatedEndpoint.ENDPOINT_ID,
                EmulatedEndpoint.API_KEY));
        submission = new Submission(store, rawLog, JobId.systemDefault(), Clock.systemUTC());
        poller = new Poller(store, rawLog, id -> breaker.fetch(client, id), StatusMapping::expired, Clock.systemUTC(),
                new Poller.Settings(Duration.ofMillis(10), Duration.ofMinutes(10)));
    }

    @AfterEach
    void closeBreakers() {
        breakers.resetAll();
    }

    @Test
    void aSubmittedJobIsPolledUntilDone() throws Exception {
        JobStatus job = submission.submit(request("https://v.example/a"), client);
        assertEquals(JobState.RUNNING, job.status());
        assertEquals("IN_QUEUE", job.runpodStatus());
        assertEquals(job.jobId(), emulator.job(job.runpodJobId()).input().get("request_id").asText());

        assertEquals(1, poller.pollOnce());
        assertEquals(new Progress("downloading", 5), store.read(job.jobId()).orElseThrow().progress());
        assertEquals(1, poller.pollOnce());
        assertEquals(0, poller.pollOnce());

        JobStatus done = store.read(job.jobId()).orElseThrow();
        assertEquals(JobState.DONE, done.status());
        assertEquals("s3://emulated-bucket/transcriptions/" + job.jobId() + ".srt", done.srtPath());
        assertEquals(1200L, done.delayMs());
        List<String> log = rawLog.tail(job.jobId(), 1000);
        assertEquals(4, log.size(), String.join("\n", log));
        assertTrue(log.get(0).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?Z POST /run 200 \\{.*"), log.get(0));
        assertTrue(log.get(3).contains("GET /status/" + job.runpodJobId() + " 200 {") && log.get(3).contains("COMPLETED"));
    }

    @Test
    void runStopsWhenNoJobIsActiveAndGivesTheLockBack() throws Exception {
        JobStatus a = submission.submit(request("https://v.example/a"), client);
        JobStatus b = submission.submit(request("https://v.example/b"), client);
        PollerLock lock = PollerLock.tryAcquire(PollerLock.file(store)).orElseThrow();
        poller.run(lock);
        assertEquals(JobState.DONE, store.read(a.jobId()).orElseThrow().status());
        assertEquals(JobState.DONE, store.read(b.jobId()).orElseThrow().status());
        assertFalse(PollerLock.isHeld(PollerLock.file(store)));
    }

    @Test
    void failuresReachTheStatusFile() {
        emulator.nextJob(Step.queued(), Step.failed("download failed: video unavailable", "x"));
        emulator.nextJob(Step.queued(), Step.cancelled());
        emulator.nextJob(Step.queued(), Step.timedOut());
        JobStatus failed = submission.submit(request("https://v.example/f"), client);
        JobStatus cancelled = submission.submit(request("https://v.example/c"), client);
        JobStatus timedOut = submission.submit(request("https://v.example/t"), client);
        assertEquals(0, poller.pollOnce());
        assertEquals("download failed: video unavailable", store.read(failed.jobId()).orElseThrow().error());
        assertEquals("the job was cancelled", store.read(cancelled.jobId()).orElseThrow().error());
        assertTrue(store.read(timedOut.jobId()).orElseThrow().error().contains("timed out"));
    }

    @Test
    void notFoundAfterSubmitMeansTheResultExpired() {
        JobStatus job = submission.submit(request("https://v.example/e"), client);
        emulator.expire(job.runpodJobId());
        assertEquals(0, poller.pollOnce());
        JobStatus expired = store.read(job.jobId()).orElseThrow();
        assertEquals(JobState.ERROR, expired.status());
        assertTrue(expired.error().startsWith("result expired"), expired.error());
        assertTrue(rawLog.tail(job.jobId(), 10).get(1).contains(" 404 "), rawLog.tail(job.jobId(), 10).get(1));
    }

    @Test
    void aKeyRejectedWhilePollingStopsTrackingUntilResumed() {
        JobStatus job = submission.submit(request("https://v.example/k"), client);
        emulator.requireApiKey("rotated-key-0123456789");
        assertEquals(0, poller.pollOnce());
        JobStatus rejected = store.read(job.jobId()).orElseThrow();
        assertEquals(JobState.ERROR, rejected.status());
        assertTrue(rejected.error().contains("RUNPOD_API_KEY was rejected"), rejected.error());
        assertTrue(rejected.isResumable());
    }

    @Test
    void anOutageKeepsTheJobRunningAndOpensTheCircuit() throws Exception {
        JobStatus job = submission.submit(request("https://v.example/o"), client);
        emulator.pause();
        try {
            for (int round = 0; round < 4; round++) {
                assertEquals(1, poller.pollOnce(), "the job stays active through an outage");
            }
            assertEquals(JobState.RUNNING, store.read(job.jobId()).orElseThrow().status());
            assertThrows(CircuitBreakerOpenException.class, () -> breaker.fetch(client, job.runpodJobId()));
        } finally {
            emulator.resume();
        }
        int before = emulator.requests(EndpointRoute.STATUS).size();
        assertEquals(1, poller.pollOnce());
        assertEquals(before, emulator.requests(EndpointRoute.STATUS).size(), "an open circuit sends nothing");
        breakers.resetAll();
        poller.pollOnce();
        assertEquals(before + 1, emulator.requests(EndpointRoute.STATUS).size());
    }

    @Test
    void noJobIsSubmittedTwiceAfterAReadTimeout() {
        emulator.inject(EndpointRoute.RUN, EndpointFault.hang(Duration.ofSeconds(5)));
        SubmitFailed failure = assertThrows(SubmitFailed.class, () -> submission.submit(request("https://v.example/h"), client));
        JobStatus job = store.read(failure.job().jobId()).orElseThrow();
        assertEquals(JobState.ERROR, job.status());
        assertNull(job.runpodJobId());
        assertTrue(job.error().startsWith("submit outcome unknown"), job.error());
        assertTrue(job.error().contains("request_id " + job.requestId()), job.error());
        assertEquals(0, poller.pollOnce());
        assertEquals(1, emulator.requests(EndpointRoute.RUN).size());
        assertEquals(1, emulator.jobs().size());
    }

    @Test
    void aJobLeftStartingByAVanishedSubmitterEndsAsUnknownOutcome() {
        Instant longAgo = Instant.now().minus(Duration.ofHours(1));
        store.write(JobStatus.starting("20260101-000000-11111111", "https://v", "rid-1", null, null, longAgo));
        store.write(JobStatus.starting("20260101-000000-22222222", "https://v", "rid-2", null, null, Instant.now()));
        assertEquals(1, poller.pollOnce(), "the fresh one is still being submitted");
        JobStatus stale = store.read("20260101-000000-11111111").orElseThrow();
        assertEquals(JobState.ERROR, stale.status());
        assertTrue(stale.error().startsWith("submit outcome unknown"), stale.error());
        assertEquals(0, emulator.requests().size(), "nothing is sent for either");
    }

    @Test
    void theKeyNeverReachesAFile() throws Exception {
        emulator.echoInput(true);
        JobStatus job = submission.submit(new JobRequest("https://v.example/s", null, "b", "p/", null, null, null,
                new JobRequest.Credentials("AKIA_TEST_0123456789", EmulatedEndpoint.API_KEY, null), null,
                Duration.ofHours(1), null), client);
        poller.pollOnce();
        assertTrue(emulator.job(job.runpodJobId()).input().toString().contains(EmulatedEndpoint.API_KEY),
                "the emulator echoes the secret back");
        try (var files = Files.walk(home)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                assertFalse(Files.readString(file).contains(EmulatedEndpoint.API_KEY), file + " holds the secret");
            }
        }
    }

    private static JobRequest request(String url) {
        return new JobRequest(url, null, null, null, null, null, null, null, null, Duration.ofHours(3), null);
    }

}
