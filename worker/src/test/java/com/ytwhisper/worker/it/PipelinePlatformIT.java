package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.s3.S3MockServer;
import com.ytwhisper.worker.subtitles.Cue;
import com.ytwhisper.worker.subtitles.SrtParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * The real worker jar in platform mode: the emulator hands it jobs, yt-dlp fetches speech from
 * the local media server, pocketsphinx transcribes it, the subtitles land in S3Mock.
 */
class PipelinePlatformIT {

    static final String BUCKET = "results";
    static final String ENV_SECRET = "env-secret-DO-NOT-LEAK-7f3a";
    static final Duration JOB_WAIT = Duration.ofSeconds(120);

    static RunpodEmulator emulator;
    static MediaServer media;
    static S3MockServer s3;
    static S3Client s3Client;
    static ChildProcess worker;
    static Path workDir;

    @BeforeAll
    static void start() throws Exception {
        emulator = new RunpodEmulator();
        media = MediaServer.start(SpeechFixtures.speech());
        s3 = S3MockServer.start(BUCKET);
        s3Client = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        Path dir = Files.createTempDirectory("ytw-pipeline-it");
        workDir = dir.resolve("jobs");
        Map<String, String> env = new HashMap<>(emulator.workerEnv("pod-pipeline", "key-pipeline"));
        env.put("RUNPOD_ENDPOINT_ID", "endpoint-it");
        env.put("S3_ENDPOINT_URL", s3.endpoint().toString());
        env.put("S3_BUCKET", BUCKET);
        env.put("AWS_ACCESS_KEY_ID", "AKIAENVKEY");
        env.put("AWS_SECRET_ACCESS_KEY", ENV_SECRET);
        env.put("WORKER_ALLOW_PRIVATE_URLS", media.hostPort());
        env.put("WORKER_WORK_DIR", workDir.toString());
        env.put("WORKER_STATE_DIR", dir.resolve("state").toString());
        worker = WorkerJar.start(env, dir);
    }

    @AfterAll
    static void stop() throws Exception {
        if (worker != null) {
            worker.terminate();
            assertEquals(0, worker.waitFor(Duration.ofSeconds(60)));
            assertFalse(worker.stderr().contains(ENV_SECRET), "the env secret reached the log");
            worker.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {s3Client, s3, media, emulator}) {
            if (c != null) {
                c.close();
            }
        }
    }

    static JsonNode run(String jobId, String input) {
        emulator.enqueue(jobId, input);
        return emulator.awaitFinal(jobId, JOB_WAIT);
    }

    static byte[] object(String key) {
        ResponseBytes<GetObjectResponse> bytes = s3Client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key));
        return bytes.asByteArray();
    }

    @Test
    void aVideoBecomesSubtitlesInTheBucketWithThePrototypeOutput() throws Exception {
        JsonNode result = run("job-mp4", "{\"youtube_url\":\"" + media.url("/speech.mp4")
                + "\",\"request_id\":\"talk-1\",\"s3_key_prefix\":\"transcriptions/\",\"formats\":[\"vtt\"]}");
        JsonNode out = result.path("output");
        assertFalse(result.has("error"), result.toString());
        List<String> keys = new ArrayList<>();
        out.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("status", "request_id", "srt_path", "srt_key", "srt_bucket", "vtt_path", "vtt_key",
                "language", "language_probability", "duration_s", "segments", "engine", "model", "timings"), keys);
        assertEquals("done", out.path("status").asText());
        assertEquals("talk-1", out.path("request_id").asText());
        assertEquals("s3://results/transcriptions/talk-1.srt", out.path("srt_path").asText());
        assertEquals("transcriptions/talk-1.srt", out.path("srt_key").asText());
        assertEquals(BUCKET, out.path("srt_bucket").asText());
        assertEquals("s3://results/transcriptions/talk-1.vtt", out.path("vtt_path").asText());
        assertEquals("en", out.path("language").asText());
        assertEquals("pocketsphinx", out.path("engine").asText());
        double duration = out.path("duration_s").asDouble();
        assertTrue(duration > 4 && duration < 12, "duration " + duration);
        assertTrue(out.path("segments").asInt() > 0);
        assertTrue(out.path("timings").path("transcribe_s").asDouble() > 0);

        String srtText = new String(object("transcriptions/talk-1.srt"), StandardCharsets.UTF_8);
        List<Cue> cues = SrtParser.parse(srtText);
        assertFalse(cues.isEmpty());
        long lastEnd = 0;
        for (Cue cue : cues) {
            assertTrue(cue.startMs() >= lastEnd && cue.endMs() > cue.startMs(), "cue times out of order: " + cue);
            lastEnd = cue.endMs();
        }
        assertTrue(lastEnd <= (duration + 0.5) * 1000, "cue past the end of the audio: " + lastEnd);
        String words = srtText.toLowerCase(Locale.ROOT);
        long found = SpeechFixtures.CONTENT_WORDS.stream().filter(words::contains).count();
        assertTrue(found >= 2, "content words in:\n" + srtText);
        assertTrue(new String(object("transcriptions/talk-1.vtt"), StandardCharsets.UTF_8).startsWith("WEBVTT"));

        List<String> stages = emulator.progress("job-mp4").stream()
                .map(p -> p.body().path("output").path("stage").asText()).distinct().toList();
        assertTrue(stages.contains("downloading") && stages.contains("transcribing"), "progress stages: " + stages);
        try (var left = Files.list(workDir)) {
            assertEquals(0, left.count(), "the job folder was not deleted");
        }
    }

    @Test
    void aWebmAudioUrlWithTheJobsOwnCredentialsWorksAndNoSecretLeaks() {
        String jobSecret = "job-secret-NEVER-PRINT-91c2";
        JsonNode result = run("job-webm", "{\"audio_url\":\"" + media.url("/speech.webm")
                + "\",\"aws_access_key\":\"AKIAJOBKEY\",\"aws_secret_key\":\"" + jobSecret + "\",\"formats\":[\"txt\",\"json\"]}");
        JsonNode out = result.path("output");
        assertEquals("done", out.path("status").asText(), result.toString());
        assertEquals("job-webm", out.path("request_id").asText(), "request_id defaults to the job id");
        assertEquals("job-webm.srt", out.path("srt_key").asText());
        assertTrue(object("job-webm.json").length > 0);
        assertFalse(result.toString().contains(jobSecret));
        assertFalse(worker.stderr().contains(jobSecret), "the job's secret reached the log");
        assertFalse(worker.stderr().contains(ENV_SECRET), "the env secret reached the log");
    }

    @Test
    void aMissingMediaFileIsAClearFailure() {
        JsonNode result = run("job-404", "{\"youtube_url\":\"" + media.url("/missing.mp4") + "\"}");
        assertTrue(result.path("error").asText().contains("404"), result.toString());
        assertEquals("error", result.path("output").path("status").asText());
        assertEquals("job-404", result.path("output").path("request_id").asText());
    }

    @Test
    void heartbeatsCarryTheVersionAndLogsAreJsonLines() {
        SeenRequest ping = emulator.requests(com.ytwhisper.testkit.runpod.Route.PING).get(0);
        assertTrue(ping.query().get("runpod_version").startsWith("ytw-worker/"), ping.query().toString());
        assertTrue(worker.stderr().lines().anyMatch(l -> l.startsWith("{\"requestId\":") && l.endsWith("}")),
                "no JSON log line:\n" + worker.stderr());
    }
}
