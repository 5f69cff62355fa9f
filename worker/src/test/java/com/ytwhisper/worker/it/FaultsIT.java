package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What users meet when things break: S3 down, the engine killed, a job cancelled midway. */
class FaultsIT {

    static PlatformWorkerFixture fixture;
    static int closedPort;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        // Four times the sentence: long enough to catch the engine and the download in the act.
        String text = String.join(" ", java.util.Collections.nCopies(4, SpeechFixtures.TEXT));
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(text),
                Map.of("WORKER_ALLOW_PRIVATE_URLS", "127.0.0.1:" + closedPort, "WORKER_S3_MAX_ATTEMPTS", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void s3DownIsAClearErrorNamingTheEndpoint() {
        JsonNode result = fixture.run("s3-down", "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4")
                + "\",\"s3_endpoint_url\":\"http://127.0.0.1:" + closedPort
                + "\",\"aws_access_key\":\"AKIAJOBKEY0000000001\",\"aws_secret_key\":\"job-secret\"}");
        String error = result.path("error").asText();
        assertTrue(error.contains("s3_endpoint_url"), error);
        assertTrue(error.contains("127.0.0.1:" + closedPort), error);
        assertEquals("error", result.path("output").path("status").asText());
    }

    @Test
    void aKilledEngineFailsItsJobClearlyAndTheNextJobWorks() throws Exception {
        fixture.emulator.enqueue("engine-killed", "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4") + "\"}");
        fixture.emulator.awaitRequest(r -> r.route() == WorkerRoute.DONE && "engine-killed".equals(r.jobId()) && r.isProgress()
                        && "transcribing".equals(r.body().path("output").path("stage").asText()),
                Duration.ofSeconds(90), "transcribing");
        ProcessHandle sidecar = WorkerJar.sidecar(fixture.worker).orElseThrow();
        sidecar.destroyForcibly();
        JsonNode failed = fixture.emulator.awaitFinal("engine-killed", PlatformWorkerFixture.JOB_WAIT);
        assertTrue(failed.path("error").asText().contains("restarted"), failed.toString());
        JsonNode next = fixture.run("after-kill", "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4") + "\"}");
        assertEquals("done", next.path("output").path("status").asText(), next.toString());
        assertTrue(WorkerJar.sidecar(fixture.worker).orElseThrow().pid() != sidecar.pid());
    }

    @Test
    void aStoppedJobEndsItsDownloadAndLeavesNoFolderOrProcess() throws Exception {
        fixture.emulator.enqueue("stopped", "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4?rate=8000") + "\"}");
        fixture.emulator.awaitRequest(r -> r.route() == WorkerRoute.DONE && "stopped".equals(r.jobId()) && r.isProgress()
                        && "downloading".equals(r.body().path("output").path("stage").asText()),
                Duration.ofSeconds(60), "downloading");
        long started = System.currentTimeMillis();
        while (WorkerJar.children(fixture.worker, "yt-dlp").isEmpty() && System.currentTimeMillis() - started < 10_000) {
            Thread.sleep(50);
        }
        assertTrue(!WorkerJar.children(fixture.worker, "yt-dlp").isEmpty(), "no yt-dlp running to stop");
        fixture.emulator.stop("stopped");
        JsonNode answer = fixture.emulator.awaitFinal("stopped", Duration.ofSeconds(30));
        assertEquals("job cancelled: stopped by the platform", answer.path("error").asText());
        long deadline = System.currentTimeMillis() + 10_000;
        while (System.currentTimeMillis() < deadline
                && (!WorkerJar.children(fixture.worker, "yt-dlp").isEmpty() || fixture.jobFolders() > 0)) {
            Thread.sleep(100);
        }
        assertTrue(WorkerJar.children(fixture.worker, "yt-dlp").isEmpty(), "yt-dlp outlived the cancelled job");
        assertEquals(0, fixture.jobFolders(), "the cancelled job's folder was left behind");
    }
}
