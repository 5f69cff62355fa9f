package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real worker jar in platform mode against the emulator: decoded segments reach job-stream
 * while the job runs, and jobs in the official worker-faster_whisper schema are answered inline
 * in that worker's shape, through the same download and engine (pocketsphinx here).
 */
class OfficialSchemaStreamIT {

    static PlatformWorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(), Map.of());
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            assertEquals(0, fixture.stop());
            fixture.close();
        }
    }

    String audio() {
        return fixture.media.url("/speech.webm");
    }

    @Test
    void streamPostsCarryTheSegmentsBeforeTheResultAndJoinToTheTranscript() {
        JsonNode result = fixture.run("job-stream", "{\"audio\":\"" + audio() + "\",\"transcription\":\"plain_text\"}");
        assertFalse(result.has("error"), result.toString());
        String transcript = result.path("output").path("transcription").asText();
        assertFalse(transcript.isBlank(), result.toString());

        List<SeenRequest> posts = fixture.emulator.streamed("job-stream");
        assertFalse(posts.isEmpty(), "no job-stream post");
        SeenRequest done = fixture.emulator.requests(WorkerRoute.DONE).stream()
                .filter(r -> "job-stream".equals(r.jobId()) && !r.isProgress()).findFirst().orElseThrow();
        for (SeenRequest post : posts) {
            assertTrue(post.atMillis() <= done.atMillis(), "a stream post came after the final job-done");
            assertEquals("false", post.query().get("isStream"), "runpod-python posts partials with isStream=false");
            assertEquals("key-it", post.headers().get("authorization"));
            assertTrue(post.body().path("output").isArray(), post.body().toString());
        }
        List<String> texts = new ArrayList<>();
        double lastEnd = 0;
        for (JsonNode item : fixture.emulator.streamItems("job-stream")) {
            assertEquals(List.of("start", "end", "text"), names(item));
            assertTrue(item.path("start").asDouble() >= lastEnd - 1e-9 && item.path("end").asDouble() >= item.path("start").asDouble(),
                    "items out of order: " + item);
            lastEnd = item.path("end").asDouble();
            texts.add(item.path("text").asText());
        }
        assertEquals(transcript, String.join(" ", texts));
        assertEquals(result.path("output").path("segments").size(), texts.size());
    }

    @Test
    void anOfficialSrtJobIsAnsweredInlineInTheOfficialShape() {
        JsonNode result = fixture.run("job-srt", "{\"audio\":\"" + audio() + "\",\"transcription\":\"srt\"}");
        assertFalse(result.has("error"), result.toString());
        JsonNode out = result.path("output");
        assertEquals(List.of("segments", "detected_language", "transcription", "translation", "device", "model"), names(out));
        assertTrue(out.path("segments").size() > 0);
        assertEquals(List.of("id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob",
                "compression_ratio", "no_speech_prob"), names(out.path("segments").get(0)));
        assertEquals("en", out.path("detected_language").asText());
        assertTrue(out.path("translation").isNull());
        assertEquals("cpu", out.path("device").asText());

        String srt = out.path("transcription").asText();
        assertTrue(srt.startsWith("1\n00:00:"), srt);
        // the official layout: number, times, text, blank line; one cue per segment
        long cues = java.util.regex.Pattern.compile("(?m)^\\d+\n\\d\\d:\\d\\d:\\d\\d,\\d{3} --> \\d\\d:\\d\\d:\\d\\d,\\d{3}\n.+\n\n")
                .matcher(srt).results().count();
        assertEquals(out.path("segments").size(), cues, srt);
        long found = SpeechFixtures.CONTENT_WORDS.stream().filter(srt.toLowerCase(Locale.ROOT)::contains).count();
        assertTrue(found >= 2, "content words in:\n" + srt);
        assertTrue(fixture.objectKeys().stream().noneMatch(k -> k.startsWith("job-srt")), "an official job stores nothing");
    }

    @Test
    void translateAddsTheTranslation() {
        JsonNode result = fixture.run("job-translate", "{\"audio\":\"" + audio()
                + "\",\"transcription\":\"srt\",\"translate\":true,\"translation\":\"plain_text\"}");
        assertFalse(result.has("error"), result.toString());
        JsonNode out = result.path("output");
        String translation = out.path("translation").asText(null);
        assertTrue(translation != null && !translation.isBlank(), result.toString());
        // English speech: the English text is the transcript itself, in the translation's format
        List<String> texts = new ArrayList<>();
        out.path("segments").forEach(s -> texts.add(s.path("text").asText().stripLeading()));
        assertEquals(String.join(" ", texts), translation);
    }

    @Test
    void base64AudioWorksLikeAUrl() throws Exception {
        String base64 = Base64.getEncoder().encodeToString(Files.readAllBytes(fixture.media.speech().webm()));
        JsonNode result = fixture.run("job-b64", "{\"audio_base64\":\"" + base64 + "\",\"word_timestamps\":true}");
        assertFalse(result.has("error"), result.toString());
        JsonNode out = result.path("output");
        assertTrue(out.path("word_timestamps").size() > 0, result.toString());
        assertEquals(List.of("word", "start", "end"), names(out.path("word_timestamps").get(0)));
    }

    @Test
    void mixedSchemasAndAnotherModelAreRefusedClearly() {
        JsonNode mixed = fixture.run("job-mixed", "{\"audio\":\"" + audio() + "\",\"s3_bucket\":\"results\"}");
        assertTrue(mixed.path("error").asText().contains("one job uses one schema"), mixed.toString());
        assertFalse(mixed.has("output"), "the official worker's errors carry no output: " + mixed);

        JsonNode metadata = fixture.run("job-guard", "{\"audio\":\"http://169.254.169.254/latest/meta-data\"}");
        assertTrue(metadata.path("error").asText().contains("audio"), "the network guard names the field: " + metadata);

        JsonNode model = fixture.run("job-model", "{\"audio\":\"" + audio() + "\",\"model\":\"tiny\"}");
        assertTrue(model.path("error").asText().contains("set by WORKER_MODEL"), model.toString());
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
