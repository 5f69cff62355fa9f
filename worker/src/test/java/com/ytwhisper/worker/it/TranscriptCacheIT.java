package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * The transcript cache in the real worker jar: yt-dlp's metadata probe against the media server,
 * pocketsphinx as the engine, entries in S3Mock under {@code <prefix>.ytw-cache/}. Each test uses
 * its own key prefix, so its entries are its own.
 */
class TranscriptCacheIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    static PlatformWorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(), Map.of("WORKER_CACHE", "on"));
        fixture.worker.awaitLog(l -> l.contains("engine ready"), Duration.ofSeconds(120), "\"engine ready\"");
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void theSameVideoTwiceIsDownloadedAndTranscribedOnce() {
        String url = fixture.media.url("/speech.mp4");
        fixture.media.clearRequests();
        Duration engineBefore = sidecarCpu();
        JsonNode first = done("cache-first", "{\"youtube_url\":\"" + url + "\",\"request_id\":\"first\","
                + "\"s3_key_prefix\":\"same/\"}");
        Duration firstEngine = sidecarCpu().minus(engineBefore);
        List<String> firstRequests = fixture.media.requests();
        assertEquals("miss", first.path("cache").asText(), first.toString());
        assertTrue(firstRequests.size() >= 2, "the probe and the download: " + firstRequests);

        fixture.media.clearRequests();
        Duration secondBefore = sidecarCpu();
        JsonNode second = done("cache-second", "{\"youtube_url\":\"" + url + "\",\"request_id\":\"second\","
                + "\"s3_key_prefix\":\"same/\",\"formats\":[\"vtt\",\"json\"]}");
        Duration secondEngine = sidecarCpu().minus(secondBefore);
        List<String> secondRequests = fixture.media.requests();

        assertEquals("hit", second.path("cache").asText(), second.toString());
        assertTrue(secondRequests.size() <= 1, "only yt-dlp's metadata probe may touch the media: " + secondRequests);
        assertTrue(secondEngine.toMillis() * 4 < firstEngine.toMillis(), "the engine worked on the hit: "
                + secondEngine.toMillis() + " ms CPU, the first job took " + firstEngine.toMillis() + " ms");
        assertEquals(0.0, second.path("timings").path("download_s").asDouble());
        assertEquals(0.0, second.path("timings").path("transcribe_s").asDouble());
        assertTrue(second.path("timings").has("probe_s") && second.path("timings").has("cache_s"), second.toString());
        assertArrayEquals(fixture.object("same/first.srt"), fixture.object("same/second.srt"),
                "the SRT from the cache differs from the transcribed one");
        assertEquals(first.path("segments").asInt(), second.path("segments").asInt());
        assertEquals(first.path("duration_s").asDouble(), second.path("duration_s").asDouble());
        assertTrue(new String(fixture.object("same/second.vtt"), StandardCharsets.UTF_8).startsWith("WEBVTT"));
        assertTrue(fixture.object("same/second.json").length > 0);
        assertEquals(1, entries("same/").size(), "one entry: " + fixture.objectKeys());
        assertTrue(entries("same/").get(0).matches("same/\\.ytw-cache/[0-9a-f]{64}\\.json"), entries("same/").toString());
    }

    @Test
    void aDifferentLanguageOrInitialPromptIsAMiss() {
        String url = fixture.media.url("/speech.mp4");
        String base = "{\"youtube_url\":\"" + url + "\",\"s3_key_prefix\":\"options/\"";
        assertEquals("miss", done("opt-detect", base + "}").path("cache").asText());
        assertEquals("hit", done("opt-detect-again", base + "}").path("cache").asText());
        assertEquals("miss", done("opt-en", base + ",\"language\":\"en\"}").path("cache").asText());
        assertEquals("miss", done("opt-prompt", base + ",\"language\":\"en\",\"initial_prompt\":\"robots\"}")
                .path("cache").asText());
        assertEquals("hit", done("opt-layout", base + ",\"max_line_chars\":20,\"formats\":[\"txt\"]}")
                .path("cache").asText(), "layout and formats are not part of the key");
        assertEquals(3, entries("options/").size(), fixture.objectKeys().toString());
    }

    @Test
    void cacheFalseTranscribesAfreshAndRefreshesTheEntry() throws Exception {
        String input = "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4") + "\",\"s3_key_prefix\":\"refresh/\"";
        assertEquals("miss", done("refresh-1", input + "}").path("cache").asText());
        String entry = entries("refresh/").get(0);
        ObjectNode planted = (ObjectNode) JSON.readTree(fixture.object(entry));
        ObjectNode segment = planted.putArray("segments").addObject();
        segment.put("id", 0).put("start", 0.5).put("end", 2.0).put("text", " planted cue")
                .putNull("avg_logprob").putNull("no_speech_prob");
        segment.putArray("words");
        put(entry, JSON.writeValueAsBytes(planted));

        assertEquals("hit", done("refresh-2", input + "}").path("cache").asText());
        assertTrue(srt("refresh/refresh-2.srt").contains("planted cue"), "a hit renders the cached transcript");

        JsonNode fresh = done("refresh-3", input + ",\"cache\":false}");
        assertEquals("miss", fresh.path("cache").asText(), fresh.toString());
        assertFalse(srt("refresh/refresh-3.srt").contains("planted cue"));
        assertFalse(new String(fixture.object(entry), StandardCharsets.UTF_8).contains("planted cue"),
                "cache:false must refresh the entry");
        assertEquals("hit", done("refresh-4", input + "}").path("cache").asText());
        assertEquals(srt("refresh/refresh-3.srt"), srt("refresh/refresh-4.srt"));
    }

    @Test
    void aCorruptEntryIsAMissAndTheJobIsDone() throws Exception {
        String input = "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4") + "\",\"s3_key_prefix\":\"corrupt/\"}";
        JsonNode first = done("corrupt-1", input);
        String entry = entries("corrupt/").get(0);
        put(entry, "{\"segments\": [{\"start\": tru".getBytes(StandardCharsets.UTF_8));

        JsonNode second = done("corrupt-2", input);
        assertEquals("miss", second.path("cache").asText(), second.toString());
        assertEquals(first.path("segments").asInt(), second.path("segments").asInt());
        assertTrue(JSON.readTree(fixture.object(entry)).path("segments").size() > 0, "the entry was not replaced");
        assertTrue(fixture.worker.stderr().contains("is damaged"), "no warning about the damaged entry");
        assertEquals("hit", done("corrupt-3", input).path("cache").asText());
    }

    @Test
    void anAudioUrlIsKnownByItsValidatorsNotItsQuery() {
        String input = "{\"s3_key_prefix\":\"audio/\",\"audio_url\":\"" + fixture.media.url("/speech.webm");
        assertEquals("miss", done("audio-1", input + "?sig=one\"}").path("cache").asText());
        fixture.media.clearRequests();
        JsonNode second = done("audio-2", input + "?sig=two\"}");
        assertEquals("hit", second.path("cache").asText(), second.toString());
        assertEquals(1, fixture.media.requests().size(), "only the validator request: " + fixture.media.requests());
        assertArrayEquals(fixture.object("audio/audio-1.srt"), fixture.object("audio/audio-2.srt"));
    }

    private static JsonNode done(String jobId, String input) {
        JsonNode result = fixture.run(jobId, input);
        assertFalse(result.has("error"), result.toString());
        JsonNode out = result.path("output");
        assertEquals("done", out.path("status").asText(), result.toString());
        return out;
    }

    private static List<String> entries(String prefix) {
        return fixture.objectKeys().stream().filter(k -> k.startsWith(prefix + ".ytw-cache/")).toList();
    }

    private static String srt(String key) {
        return new String(fixture.object(key), StandardCharsets.UTF_8);
    }

    private static void put(String key, byte[] bytes) {
        fixture.s3Client.putObject(b -> b.bucket(PlatformWorkerFixture.BUCKET).key(key), RequestBody.fromBytes(bytes));
    }

    /** CPU time the engine's sidecar has used so far: it only grows while it transcribes. */
    private static Duration sidecarCpu() {
        ProcessHandle sidecar = WorkerJar.sidecar(fixture.worker).orElseThrow(() -> new AssertionError("no sidecar"));
        return sidecar.info().totalCpuDuration().orElseThrow(() -> new AssertionError("no CPU time for the sidecar"));
    }
}
