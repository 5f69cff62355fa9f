package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.worker.subtitles.Cue;
import com.ytwhisper.worker.subtitles.SrtParser;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real worker jar in platform mode: the emulator hands it jobs, yt-dlp fetches speech from
 * the local media server, pocketsphinx transcribes it, the subtitles land in S3Mock.
 */
class PipelinePlatformIT {

    static PlatformWorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(), Map.of("RUNPOD_ENDPOINT_ID", "endpoint-it"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            assertEquals(0, fixture.stop(), "SIGTERM after jobs must end with exit 0");
            assertFalse(fixture.worker.stderr().contains(PlatformWorkerFixture.ENV_SECRET), "the env secret reached the log");
            fixture.close();
        }
    }

    @Test
    void aVideoBecomesSubtitlesInTheBucketWithThePrototypeOutput() throws Exception {
        JsonNode result = fixture.run("job-mp4", "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4")
                + "\",\"request_id\":\"talk-1\",\"s3_key_prefix\":\"transcriptions/\",\"formats\":[\"vtt\"]}");
        JsonNode out = result.path("output");
        assertFalse(result.has("error"), result.toString());
        List<String> keys = new ArrayList<>();
        out.fieldNames().forEachRemaining(keys::add);
        assertEquals(List.of("status", "request_id", "srt_path", "srt_key", "srt_bucket", "vtt_path", "vtt_key",
                "language", "language_probability", "duration_s", "segments", "dropped_segments", "redecoded_segments",
                "engine", "model", "cache", "timings"), keys);
        assertEquals("done", out.path("status").asText());
        assertEquals("talk-1", out.path("request_id").asText());
        assertEquals("s3://results/transcriptions/talk-1.srt", out.path("srt_path").asText());
        assertEquals("transcriptions/talk-1.srt", out.path("srt_key").asText());
        assertEquals(PlatformWorkerFixture.BUCKET, out.path("srt_bucket").asText());
        assertEquals("s3://results/transcriptions/talk-1.vtt", out.path("vtt_path").asText());
        assertEquals("en", out.path("language").asText());
        assertEquals("pocketsphinx", out.path("engine").asText());
        double duration = out.path("duration_s").asDouble();
        assertTrue(duration > 4 && duration < 12, "duration " + duration);
        assertTrue(out.path("segments").asInt() > 0);
        assertTrue(out.path("timings").path("transcribe_s").asDouble() > 0);

        String srtText = new String(fixture.object("transcriptions/talk-1.srt"), StandardCharsets.UTF_8);
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
        assertTrue(new String(fixture.object("transcriptions/talk-1.vtt"), StandardCharsets.UTF_8).startsWith("WEBVTT"));

        List<String> stages = fixture.emulator.progress("job-mp4").stream()
                .map(p -> p.body().path("output").path("stage").asText()).distinct().toList();
        assertTrue(stages.contains("downloading") && stages.contains("transcribing"), "progress stages: " + stages);
        assertEquals(0, fixture.jobFolders(), "the job folder was not deleted");
    }

    @Test
    void aWebmAudioUrlWithTheJobsOwnCredentialsWorksAndNoSecretLeaks() {
        String jobSecret = "job-secret-NEVER-PRINT-91c2";
        JsonNode result = fixture.run("job-webm", "{\"audio_url\":\"" + fixture.media.url("/speech.webm")
                + "\",\"aws_access_key\":\"AKIAJOBKEY\",\"aws_secret_key\":\"" + jobSecret + "\",\"formats\":[\"txt\",\"json\"]}");
        JsonNode out = result.path("output");
        assertEquals("done", out.path("status").asText(), result.toString());
        assertEquals("job-webm", out.path("request_id").asText(), "request_id defaults to the job id");
        assertEquals("job-webm.srt", out.path("srt_key").asText());
        assertTrue(fixture.object("job-webm.json").length > 0);
        assertFalse(result.toString().contains(jobSecret));
        assertFalse(fixture.worker.stderr().contains(jobSecret), "the job's secret reached the log");
        assertFalse(fixture.worker.stderr().contains(PlatformWorkerFixture.ENV_SECRET), "the env secret reached the log");
    }

    @Test
    void aMissingMediaFileIsAClearFailure() {
        JsonNode result = fixture.run("job-404", "{\"youtube_url\":\"" + fixture.media.url("/missing.mp4") + "\"}");
        assertTrue(result.path("error").asText().contains("404"), result.toString());
        assertEquals("error", result.path("output").path("status").asText());
        assertEquals("job-404", result.path("output").path("request_id").asText());
    }

    @Test
    void heartbeatsCarryTheVersionAndLogsAreJsonLines() {
        SeenRequest ping = fixture.emulator.requests(com.ytwhisper.testkit.runpod.WorkerRoute.PING).get(0);
        assertTrue(ping.query().get("runpod_version").startsWith("ytw-worker/"), ping.query().toString());
        assertTrue(fixture.worker.stderr().lines().anyMatch(l -> l.startsWith("{\"requestId\":") && l.endsWith("}")),
                "no JSON log line:\n" + fixture.worker.stderr());
    }
}
