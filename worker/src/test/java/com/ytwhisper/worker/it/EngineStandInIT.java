package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The worker jar with WORKER_ENGINE=faster-whisper played by the faster-whisper STAND-IN
 * (src/test/python/faster_whisper_standin): it copies faster-whisper 1.2.1's behaviour in each
 * mode on a scripted talk with a planted repetition loop and a planted hallucination
 * (scripts/planted_faults.json). What this proves is the worker's handling of that behaviour,
 * not the real model's acoustics.
 */
class EngineStandInIT {

    static final Path STANDIN = Path.of("src/test/python/faster_whisper_standin").toAbsolutePath();
    static final Path SCRIPT = STANDIN.resolve("scripts/planted_faults.json");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TIMES = Pattern.compile("(\\d\\d):(\\d\\d):(\\d\\d),(\\d\\d\\d) --> ");

    @TempDir
    Path dir;

    @Test
    void onCudaWithoutAJobBatchSizeTheBatchedPipelineRunsWithWorkerBatchSizeAndEveryGuard() throws Exception {
        Run run = transcribe(Map.of(), Map.of("WORKER_BATCH_SIZE", "12"));
        assertTrue(run.log.contains("stand-in: BatchedInferencePipeline.transcribe {'batch_size': 12, "
                + "'without_timestamps': False"), run.log);
        assertTrue(run.log.contains("stand-in: WhisperModel.transcribe {'without_timestamps': False, "
                + "'vad_filter': False, 'clip_timestamps': [0.0, 6.0]}"), "the loop is decoded again on its own: " + run.log);
        assertEquals(1, run.output.path("dropped_segments").asInt(), run.output.toString());
        assertEquals(1, run.output.path("redecoded_segments").asInt(), run.output.toString());
        run.assertCleanSubtitlesTimedAtTheirWords();
    }

    @Test
    void aJobBatchSizeOfOneDecodesSequentiallyWithTheSameResult() throws Exception {
        Run run = transcribe(Map.of("batch_size", 1), Map.of("WORKER_BATCH_SIZE", "12"));
        assertFalse(run.log.contains("stand-in: BatchedInferencePipeline.transcribe"), run.log);
        assertTrue(run.log.contains("stand-in: WhisperModel.transcribe {'without_timestamps': False, "
                + "'vad_filter': True, 'clip_timestamps': '0'}"), run.log);
        assertEquals(1, run.output.path("redecoded_segments").asInt(), "temperature fallback: " + run.output);
        run.assertCleanSubtitlesTimedAtTheirWords();
    }

    private Run transcribe(Map<String, Object> jobFields, Map<String, String> env) throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech())) {
            ObjectNode input = JSON.createObjectNode().put("audio_url", media.url("/speech.webm"))
                    .put("request_id", "talk");
            jobFields.forEach((name, value) -> input.set(name, JSON.valueToTree(value)));
            Map<String, String> all = new HashMap<>(Map.of(
                    "WORKER_ENGINE", "faster-whisper", "WORKER_DEVICE", "cuda", "WORKER_MODEL", "large-v3",
                    "PYTHONPATH", STANDIN.toString(), "FASTER_WHISPER_STANDIN_SCRIPT", SCRIPT.toString(),
                    "WORKER_ALLOW_PRIVATE_URLS", media.hostPort(), "WORKER_OUTPUT_DIR", dir.resolve("out").toString()));
            all.putAll(env);
            String job = JSON.createObjectNode().set("input", input).toString();
            try (ChildProcess worker = WorkerJar.start(all, dir, "--test_input", job)) {
                assertEquals(0, worker.waitFor(Duration.ofSeconds(180)), worker.stderr());
                JsonNode result = JSON.readTree(worker.stdout());
                assertEquals("done", result.path("output").path("status").asText(), result.toString());
                return new Run(worker.stderr(), result.path("output"), Files.readString(dir.resolve("out/talk.srt")));
            }
        }
    }

    /** What one job left behind. */
    private record Run(String log, JsonNode output, String srt) {

        /** No planted fault in the SRT; every cue starts within 0.5 s of its first word's scripted time. */
        void assertCleanSubtitlesTimedAtTheirWords() throws Exception {
            assertFalse(srt.contains("Thanks for watching"), srt);
            assertFalse(srt.contains("the the the"), srt);
            assertTrue(srt.contains("We fixed the loop"), srt);
            List<double[]> spoken = new ArrayList<>(); // scripted start of every word that should be heard
            List<String> words = new ArrayList<>();
            for (JsonNode segment : JSON.readTree(SCRIPT.toFile()).path("segments")) {
                String text = segment.has("fallback") ? segment.path("fallback").path("text").asText() : segment.path("text").asText();
                if (text.contains("Thanks for watching")) {
                    continue;
                }
                double start = segment.path("start").asDouble();
                double perChar = (segment.path("end").asDouble() - start) / text.length();
                double at = start;
                for (String word : text.strip().split(" ")) {
                    words.add(normal(word));
                    spoken.add(new double[] {at});
                    at += (word.length() + 1) * perChar;
                }
            }
            int next = 0;
            for (String cue : srt.strip().split("\n\n")) {
                String[] lines = cue.split("\n");
                Matcher time = TIMES.matcher(lines[1]);
                assertTrue(time.lookingAt(), cue);
                double start = Integer.parseInt(time.group(1)) * 3600 + Integer.parseInt(time.group(2)) * 60
                        + Integer.parseInt(time.group(3)) + Integer.parseInt(time.group(4)) / 1000.0;
                String[] cueWords = String.join(" ", List.of(lines).subList(2, lines.length)).strip().split("\\s+");
                assertEquals(words.get(next), normal(cueWords[0]), "cue words in script order: " + cue);
                double truth = spoken.get(next)[0];
                assertTrue(Math.abs(start - truth) <= 0.5,
                        "cue starts at " + start + " s, its first word at " + truth + " s:\n" + cue + "\n\n" + srt);
                next += cueWords.length;
            }
            assertEquals(words.size(), next, "every scripted word is in the SRT once");
        }

        private static String normal(String word) {
            return word.replaceAll("[^\\p{L}\\p{N}]", "").toLowerCase(Locale.ROOT);
        }
    }
}
