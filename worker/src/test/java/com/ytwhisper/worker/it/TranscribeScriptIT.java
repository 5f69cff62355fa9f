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

    /**
     * A local file, options before it, and a venv {@code python3} without the engine as WORKER_PYTHON
     * (as pyenv, conda and venv users have): the jar picks an interpreter that has pocketsphinx.
     */
    @Test
    void aLocalFileWithOptionsFirstBecomesSubtitlesWithoutNetworkOrEnginePython() throws Exception {
        Path venv = dir.resolve("venv");
        new ProcessBuilder(WorkerJar.PYTHON, "-m", "venv", "--without-pip", venv.toString()).inheritIO().start().waitFor();
        Path media = dir.resolve("my talk.mp4");
        Files.copy(SpeechFixtures.speech().mp4(), media);
        List<String> command = List.of("bash", SCRIPT.toString(), "--format", "vtt", "--request-id", "local", "my talk.mp4");
        try (ChildProcess run = ChildProcess.start(command, Map.of("WORKER_ENGINE", "pocketsphinx",
                "WORKER_PYTHON", venv.resolve("bin/python3").toString()), dir)) {
            assertEquals(0, run.waitFor(Duration.ofSeconds(180)), run.stderr());
            JsonNode out = new ObjectMapper().readTree(run.stdout()).path("output");
            assertEquals("done", out.path("status").asText(), run.stdout());
            String text = Files.readString(dir.resolve("out/local.srt")).toLowerCase(Locale.ROOT);
            assertTrue(SpeechFixtures.CONTENT_WORDS.stream().filter(text::contains).count() >= 2, text);
            assertTrue(Files.readString(dir.resolve("out/local.vtt")).startsWith("WEBVTT"));
            assertTrue(run.stderr().contains("cannot import pocketsphinx"), run.stderr());
        }
    }

    @Test
    void helpGoesToStdoutWithExitZero() throws Exception {
        try (ChildProcess run = ChildProcess.start(List.of("bash", SCRIPT.toString(), "--format", "vtt", "--help"), Map.of(), dir)) {
            assertEquals(0, run.waitFor(Duration.ofSeconds(30)), run.stderr());
            assertTrue(run.stdout().startsWith("usage: ./transcribe URL|FILE"), run.stdout());
            assertTrue(run.stdout().contains("WORKER_ALLOW_PRIVATE_URLS"), run.stdout());
            assertEquals("", run.stderr());
        }
    }

    /** Argument errors come from the script itself (no JVM, no engine): nothing on stdout, one clear line. */
    @Test
    void argumentErrorsAreSaidBeforeTheWorkerStarts() throws Exception {
        Map<List<String>, String> cases = Map.of(
                List.of(), "transcribe: missing the URL or file to transcribe",
                List.of("--format", "vtt"), "transcribe: missing the URL or file to transcribe",
                List.of("--format", "doc", "https://example.com/v"), "transcribe: --format must be srt, vtt, json or txt, not 'doc'",
                List.of("./no-such-talk.mp4"), "transcribe: no such file: ./no-such-talk.mp4",
                List.of("--language"), "transcribe: --language needs a value");
        for (Map.Entry<List<String>, String> c : cases.entrySet()) {
            List<String> command = new java.util.ArrayList<>(List.of("bash", SCRIPT.toString()));
            command.addAll(c.getKey());
            try (ChildProcess run = ChildProcess.start(command, Map.of(), dir)) {
                assertEquals(2, run.waitFor(Duration.ofSeconds(30)), c.getKey() + ": " + run.stderr());
                assertEquals("", run.stdout(), c.getKey().toString());
                assertTrue(run.stderr().contains(c.getValue()), c.getKey() + ": " + run.stderr());
                assertTrue(!run.stderr().contains("INFO") && !run.stderr().contains("building"), run.stderr());
            }
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
