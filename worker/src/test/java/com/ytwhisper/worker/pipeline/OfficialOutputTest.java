package com.ytwhisper.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import com.ytwhisper.worker.transcript.Word;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OfficialOutputTest {

    static final List<Segment> SEGMENTS = List.of(
            new Segment(0.0, 2.5, " Hello there.", List.of(new Word(0.0, 0.8, " Hello", 0.9), new Word(0.9, 2.5, " there.", 0.8)),
                    -0.2, 0.01),
            new Segment(3661.0005, 3662.25, " a --> b ", List.of(), null, null));
    static final Transcript TRANSCRIPT = new Transcript(new TranscriptInfo("en", 0.99, 3663, "faster-whisper",
            "/models/large-v3"), SEGMENTS);
    static final EngineInfo ENGINE = new EngineInfo("faster-whisper", "/models/large-v3", "cuda:0", "float16", 3);

    static OfficialInput input(OfficialInput.TextFormat format, boolean words) {
        return new OfficialInput("https://a.example/x.mp3", null, format, false, OfficialInput.TextFormat.PLAIN_TEXT,
                null, 5, null, words, false);
    }

    @Test
    void formatsAreTheOfficialWorkers() {
        assertEquals("Hello there. a --> b ", OfficialOutput.format(OfficialInput.TextFormat.PLAIN_TEXT, SEGMENTS));
        assertEquals("Hello there.\na --> b ", OfficialOutput.format(OfficialInput.TextFormat.FORMATTED_TEXT, SEGMENTS));
        assertEquals("1\n00:00:00,000 --> 00:00:02,500\nHello there.\n\n2\n01:01:01,000 --> 01:01:02,250\na -> b\n\n",
                OfficialOutput.format(OfficialInput.TextFormat.SRT, SEGMENTS));
        assertEquals("WEBVTT\n\n00:00:00.000 --> 00:00:02.500\nHello there.\n\n01:01:01.000 --> 01:01:02.250\na -> b\n\n",
                OfficialOutput.format(OfficialInput.TextFormat.VTT, SEGMENTS));
    }

    @Test
    void theOutputHasTheOfficialKeysInOrder() {
        ObjectNode out = OfficialOutput.toJson(TRANSCRIPT, null, input(OfficialInput.TextFormat.SRT, false), ENGINE);
        assertEquals(List.of("segments", "detected_language", "transcription", "translation", "device", "model"),
                names(out));
        JsonNode first = out.path("segments").get(0);
        assertEquals(List.of("id", "seek", "start", "end", "text", "tokens", "temperature", "avg_logprob",
                "compression_ratio", "no_speech_prob"), names(first));
        assertEquals(1, first.path("id").asInt());
        assertEquals(" Hello there.", first.path("text").asText(), "the leading space is kept, as faster-whisper gives it");
        assertEquals("en", out.path("detected_language").asText());
        assertTrue(out.path("translation").isNull());
        assertEquals("cuda", out.path("device").asText());
        assertEquals("large-v3", out.path("model").asText());
        assertFalse(out.has("word_timestamps"));
    }

    @Test
    void wordTimestampsAreOneFlatListWhenAsked() {
        ObjectNode out = OfficialOutput.toJson(TRANSCRIPT, "Hi.", input(OfficialInput.TextFormat.PLAIN_TEXT, true), ENGINE);
        assertEquals("Hi.", out.path("translation").asText());
        assertEquals(List.of("segments", "detected_language", "transcription", "translation", "device", "model",
                "word_timestamps"), names(out));
        assertEquals(2, out.path("word_timestamps").size());
        assertEquals(" there.", out.path("word_timestamps").get(1).path("word").asText());
        assertEquals(0.9, out.path("word_timestamps").get(1).path("start").asDouble());
    }

    @Test
    void timestampsRoundToTheMillisecond() {
        assertEquals("00:00:01,234", OfficialOutput.timestamp(1.2344, ','));
        assertEquals("10:00:00.000", OfficialOutput.timestamp(36000, '.'));
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
