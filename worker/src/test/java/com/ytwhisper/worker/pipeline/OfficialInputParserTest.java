package com.ytwhisper.worker.pipeline;

import static com.ytwhisper.worker.pipeline.JobInputParserTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class OfficialInputParserTest {

    static final String AUDIO = "https://cdn.example.com/talk.mp3";

    static OfficialInput parse(JsonNode input) {
        return OfficialInputParser.parse(input, "job-1", "large-v3", false);
    }

    static List<String> problems(JsonNode input) {
        return assertThrows(InvalidInputException.class, () -> parse(input)).problems();
    }

    @Test
    void theOfficialSchemaIsRecognisedByItsOwnFields() {
        assertTrue(OfficialInputParser.applies(json("{'audio': '" + AUDIO + "'}")));
        assertTrue(OfficialInputParser.applies(json("{'audio_base64': 'AAAA'}")));
        assertTrue(OfficialInputParser.applies(json("{'youtube_url': '" + AUDIO + "', 'transcription': 'srt'}")));
        assertFalse(OfficialInputParser.applies(json("{'youtube_url': '" + AUDIO + "', 'language': 'en', 'beam_size': 3}")));
        assertFalse(OfficialInputParser.applies(json("[]")));
    }

    @Test
    void defaultsAreTheOfficialWorkers() {
        OfficialInput in = parse(json("{'audio': '" + AUDIO + "'}"));
        assertEquals(AUDIO, in.audio());
        assertNull(in.audioBase64());
        assertEquals(OfficialInput.TextFormat.PLAIN_TEXT, in.transcription());
        assertFalse(in.translate());
        assertEquals(OfficialInput.TextFormat.PLAIN_TEXT, in.translation());
        assertNull(in.language());
        assertEquals(5, in.beamSize());
        assertNull(in.initialPrompt());
        assertFalse(in.wordTimestamps());
        assertFalse(in.enableVad(), "the official worker's enable_vad defaults to false");
    }

    @Test
    void aFullOfficialInputWithItsDefaultsIsAccepted() {
        OfficialInput in = parse(json("{'audio': '" + AUDIO + "', 'model': 'large-v3', 'transcription': 'srt',"
                + " 'translate': true, 'translation': 'vtt', 'language': 'de', 'temperature': 0, 'best_of': 5,"
                + " 'beam_size': 3, 'patience': 1.0, 'length_penalty': 0, 'suppress_tokens': '-1',"
                + " 'initial_prompt': 'Kubernetes', 'condition_on_previous_text': true,"
                + " 'temperature_increment_on_fallback': 0.2, 'compression_ratio_threshold': 2.4,"
                + " 'logprob_threshold': -1.0, 'no_speech_threshold': 0.6, 'enable_vad': true, 'word_timestamps': true}"));
        assertEquals(OfficialInput.TextFormat.SRT, in.transcription());
        assertTrue(in.translate());
        assertEquals(OfficialInput.TextFormat.VTT, in.translation());
        assertEquals("de", in.language());
        assertEquals(3, in.beamSize());
        assertEquals("Kubernetes", in.initialPrompt());
        assertTrue(in.enableVad());
        assertTrue(in.wordTimestamps());
    }

    @Test
    void oneAudioSourceIsRequiredAndOnlyOne() {
        assertEquals(List.of("audio: required (or give audio_base64)"), problems(json("{'transcription': 'srt'}")));
        assertEquals(List.of("audio, audio_base64: give one of them, not both"),
                problems(json("{'audio': '" + AUDIO + "', 'audio_base64': 'UklGRg=='}")));
    }

    @Test
    void anotherModelSaysWhichOneThisWorkerServes() {
        assertEquals(List.of("model: this worker serves large-v3, set by WORKER_MODEL; got \"base\" (leave model out, "
                + "or send \"large-v3\")"), problems(json("{'audio': '" + AUDIO + "', 'model': 'base'}")));
    }

    @Test
    void mixingBothSchemasIsRefusedNamingEachForeignField() {
        List<String> problems = problems(json("{'audio': '" + AUDIO + "', 'vad_filter': true, 's3_bucket': 'b'}"));
        assertEquals(List.of(
                "vad_filter: belongs to this worker's own schema, but \"audio\" makes this a job in the official "
                        + "worker-faster_whisper schema; one job uses one schema (there it is enable_vad)",
                "s3_bucket: belongs to this worker's own schema, but \"audio\" makes this a job in the official "
                        + "worker-faster_whisper schema; one job uses one schema (see README, Job input)"), problems);
        assertTrue(problems(json("{'youtube_url': '" + AUDIO + "', 'transcription': 'srt'}")).get(0)
                .startsWith("youtube_url: belongs to this worker's own schema, but \"transcription\" makes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"'temperature': 0.4", "'best_of': 2", "'patience': 2", "'no_speech_threshold': 0.3",
            "'compression_ratio_threshold': 3", "'logprob_threshold': -2", "'temperature_increment_on_fallback': 0.1"})
    void decodingValuesThisWorkerCannotApplyAreRefusedWithTheReason(String field) {
        List<String> problems = problems(json("{'audio': '" + AUDIO + "', " + field + "}"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("only the official default")
                && problems.get(0).contains("fixed by its image"), problems.get(0));
    }

    @Test
    void unknownFormatsAndTypesAreNamed() {
        assertEquals(List.of("transcription: must be \"plain_text\", \"formatted_text\", \"srt\" or \"vtt\", got \"docx\"",
                "translate: must be true or false, got \"yes\""),
                problems(json("{'audio': '" + AUDIO + "', 'transcription': 'docx', 'translate': 'yes'}")));
    }

    @Test
    void unknownFieldsGetAGuessFromTheOfficialSchema() {
        assertEquals(List.of("\"enable_vda\": unknown field, did you mean enable_vad? (remove unknown fields, or set "
                + "WORKER_IGNORE_UNKNOWN_INPUT=true to ignore them)"),
                problems(json("{'audio': '" + AUDIO + "', 'enable_vda': true}")));
    }

    @Test
    void base64AudioIsDecodedAndCapped() {
        String wav = Base64.getEncoder().encodeToString("RIFF....WAVE".getBytes(StandardCharsets.US_ASCII));
        OfficialInput in = parse(json("{'audio_base64': '" + wav + "'}"));
        assertEquals("RIFF....WAVE", new String(OfficialInputParser.decode(in.audioBase64()), StandardCharsets.US_ASCII));
        assertEquals("RIFF....WAVE", new String(OfficialInputParser.decode("data:audio/wav;base64," + wav),
                StandardCharsets.US_ASCII));

        assertTrue(problems(json("{'audio_base64': '%%%'}")).get(0).startsWith("audio_base64: "));
        ObjectNode huge = JsonNodeFactory.instance.objectNode()
                .put("audio_base64", "A".repeat(OfficialInputParser.MAX_AUDIO_BASE64_CHARS + 4));
        List<String> problems = problems(huge);
        assertTrue(problems.get(0).startsWith("audio_base64: is 10000004 characters; the cap is 10000000"), problems.get(0));
        assertTrue(problems.get(0).contains("give a URL in audio instead"), problems.get(0));
    }
}
