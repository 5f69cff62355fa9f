package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cache without a bucket: entries under WORKER_OUTPUT_DIR, across worker runs; WORKER_CACHE=off. */
class TranscriptCacheLocalIT {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void entriesLiveUnderTheOutputFolderAndWorkerCacheOffTurnsThemOff() throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech())) {
            String url = media.url("/speech.mp4");
            JsonNode first = runOnce(media, Map.of(), "{\"youtube_url\":\"" + url + "\",\"request_id\":\"local-1\"}");
            assertEquals("miss", first.path("cache").asText(), first.toString());
            List<Path> entries = entries();
            assertEquals(1, entries.size(), "one entry under out/.ytw-cache/: " + entries);

            media.clearRequests();
            JsonNode second = runOnce(media, Map.of(), "{\"youtube_url\":\"" + url + "\",\"request_id\":\"local-2\"}");
            assertEquals("hit", second.path("cache").asText(), "a new worker finds the entry: " + second);
            assertTrue(media.requests().size() <= 1, "only the metadata probe: " + media.requests());
            assertArrayEquals(Files.readAllBytes(dir.resolve("out/local-1.srt")),
                    Files.readAllBytes(dir.resolve("out/local-2.srt")));

            JsonNode off = runOnce(media, Map.of("WORKER_CACHE", "off"),
                    "{\"youtube_url\":\"" + url + "\",\"request_id\":\"local-3\"}");
            assertEquals("off", off.path("cache").asText(), off.toString());
            assertFalse(off.path("timings").has("probe_s"), off.toString());
            assertTrue(off.path("timings").path("transcribe_s").asDouble() > 0, off.toString());
            assertEquals(entries, entries());
        }
    }

    /** One {@code --test_input} run of the jar; its job-done body from stdout. */
    private JsonNode runOnce(MediaServer media, Map<String, String> extraEnv, String input) throws Exception {
        Map<String, String> env = new java.util.HashMap<>(Map.of("WORKER_ALLOW_PRIVATE_URLS", media.hostPort(),
                "WORKER_OUTPUT_DIR", dir.resolve("out").toString(), "WORKER_WORK_DIR", dir.resolve("jobs").toString()));
        env.putAll(extraEnv);
        try (ChildProcess run = WorkerJar.start(env, dir, "--test_input", "{\"id\":\"local\",\"input\":" + input + "}")) {
            assertEquals(0, run.waitFor(Duration.ofSeconds(180)), run.stderr());
            String last = run.stdout().strip().lines().reduce((a, b) -> b).orElse("");
            return JSON.readTree(last).path("output");
        }
    }

    private List<Path> entries() throws Exception {
        Path folder = dir.resolve("out/.ytw-cache");
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.sorted().toList();
        }
    }
}
