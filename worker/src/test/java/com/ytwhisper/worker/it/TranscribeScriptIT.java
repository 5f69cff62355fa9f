package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** README's first command, {@code ./transcribe URL}, end to end against the local media server. */
class TranscribeScriptIT {

    static final Path SCRIPT = WorkerJar.JAR.toAbsolutePath().getParent().getParent().getParent().getParent()
            .resolve("transcribe");

    @TempDir
    Path dir;

    private ChildProcess transcribe(MediaServer media, String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(List.of(args));
        return ChildProcess.start(command, Map.of("WORKER_ALLOW_PRIVATE_URLS", media.hostPort(),
                "WORKER_ENGINE", "pocketsphinx", "WORKER_PYTHON", WorkerJar.PYTHON), dir);
    }

    @Test
    void aUrlBecomesSubtitleFilesUnderOutAndTheResultJsonOnStdout() throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech());
             ChildProcess run = transcribe(media, media.url("/speech.webm"), "--format", "vtt", "--request-id", "talk")) {
            assertEquals(0, run.waitFor(Duration.ofSeconds(180)), run.stderr());
            JsonNode result = new ObjectMapper().readTree(run.stdout());
            assertEquals(1, run.stdout().strip().lines().count(), "stdout must hold the result JSON alone");
            JsonNode out = result.path("output");
            assertEquals("done", out.path("status").asText(), result.toString());
            assertEquals("talk.srt", out.path("srt_key").asText());
            Path srt = dir.resolve("out/talk.srt");
            assertEquals(srt.toUri().toString(), out.path("srt_path").asText());
            String text = Files.readString(srt).toLowerCase(Locale.ROOT);
            assertTrue(SpeechFixtures.CONTENT_WORDS.stream().filter(text::contains).count() >= 2, text);
            assertTrue(Files.readString(dir.resolve("out/talk.vtt")).startsWith("WEBVTT"));
        }
    }

    @Test
    void aFailedJobExitsOneWithTheErrorJsonOnStdout() throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech());
             ChildProcess run = transcribe(media, media.url("/missing.mp4"))) {
            assertEquals(1, run.waitFor(Duration.ofSeconds(180)), run.stderr());
            JsonNode result = new ObjectMapper().readTree(run.stdout());
            assertTrue(result.path("error").asText().contains("404"), result.toString());
        }
    }

    @Test
    void aBadOptionIsAUsageError() throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech());
             ChildProcess run = transcribe(media, "https://example.com/v", "--colour", "red")) {
            assertEquals(2, run.waitFor(Duration.ofSeconds(30)));
            assertTrue(run.stderr().contains("unknown option: --colour"), run.stderr());
        }
    }
}
