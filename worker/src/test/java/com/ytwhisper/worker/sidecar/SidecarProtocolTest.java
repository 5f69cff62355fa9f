package com.ytwhisper.worker.sidecar;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Cancelled;
import com.ytwhisper.worker.sidecar.SidecarProtocol.ErrorEvent;
import com.ytwhisper.worker.sidecar.SidecarProtocol.MalformedEventException;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Progress;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Ready;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Result;
import com.ytwhisper.worker.sidecar.SidecarProtocol.SegmentEvent;
import com.ytwhisper.worker.transcript.GuardCounts;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Word;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarProtocolTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void transcribeRequestCarriesEveryOptionInFasterWhisperNames() throws Exception {
        String line = SidecarProtocol.transcribe("j1", Path.of("/jobs/j1/audio.wav"),
                new TranscribeOptions("my", "translate", true, true, 3, "Ko Ko", 8));

        assertFalse(line.contains("\n"), "one request, one line");
        assertEquals(JSON.readTree("""
                {"type": "transcribe", "job_id": "j1", "audio_path": "/jobs/j1/audio.wav",
                 "options": {"language": "my", "task": "translate", "word_timestamps": true, "vad_filter": true,
                             "beam_size": 3, "initial_prompt": "Ko Ko", "batch_size": 8}}"""), JSON.readTree(line));
    }

    @Test
    void defaultsSendNullsForLanguageAndPrompt() throws Exception {
        var options = JSON.readTree(SidecarProtocol.transcribe("j1", Path.of("a.wav"), TranscribeOptions.defaults()))
                .get("options");
        assertTrue(options.get("language").isNull());
        assertTrue(options.get("initial_prompt").isNull());
        assertEquals("transcribe", options.get("task").asText());
        assertTrue(Path.of(JSON.readTree(SidecarProtocol.transcribe("j1", Path.of("a.wav"), TranscribeOptions.defaults()))
                .get("audio_path").asText()).isAbsolute(), "the sidecar may run elsewhere: paths are absolute");
    }

    @Test
    void cancelAndShutdown() throws Exception {
        assertEquals(JSON.readTree("{\"type\": \"cancel\", \"job_id\": \"j1\"}"), JSON.readTree(SidecarProtocol.cancel("j1")));
        assertEquals(JSON.readTree("{\"type\": \"shutdown\"}"), JSON.readTree(SidecarProtocol.shutdown()));
    }

    @Test
    void parsesEveryEvent() {
        assertEquals(new Ready(new EngineInfo("faster-whisper", "large-v3", "cuda", "float16", 1.5)), SidecarProtocol.parse(
                "{\"type\": \"ready\", \"engine\": \"faster-whisper\", \"model\": \"large-v3\", \"device\": \"cuda\", \"compute_type\": \"float16\", \"load_s\": 1.5}"));
        assertEquals(new SegmentEvent("j1", new Segment(0.5, 2.0, " မင်္ဂလာပါ", List.of(new Word(0.5, 1.0, " မင်္ဂလာပါ", 0.9)), -0.2, null)),
                SidecarProtocol.parse("{\"type\": \"segment\", \"job_id\": \"j1\", \"start\": 0.5, \"end\": 2, \"text\": \" မင်္ဂလာပါ\","
                        + " \"words\": [{\"start\": 0.5, \"end\": 1.0, \"word\": \" မင်္ဂလာပါ\", \"probability\": 0.9}],"
                        + " \"avg_logprob\": -0.2, \"no_speech_prob\": null}"));
        assertEquals(new Progress("j1", 2.0, 10.0), SidecarProtocol.parse("{\"type\": \"progress\", \"job_id\": \"j1\", \"decoded\": 2.0, \"duration\": 10.0}"));
        assertEquals(new Result("j1", "en", null, 10.0, new GuardCounts(1, 2)), SidecarProtocol.parse(
                "{\"type\": \"result\", \"job_id\": \"j1\", \"language\": \"en\", \"language_probability\": null, \"duration\": 10.0,"
                        + " \"guards\": {\"dropped\": 1, \"redecoded\": 2}}"));
        assertEquals(new Result("j1", "en", 0.9, 10.0, GuardCounts.NONE), SidecarProtocol.parse(
                "{\"type\": \"result\", \"job_id\": \"j1\", \"language\": \"en\", \"language_probability\": 0.9, \"duration\": 10.0}"));
        assertEquals(new ErrorEvent(null, "engine_load_failed", "no GPU"), SidecarProtocol.parse(
                "{\"type\": \"error\", \"job_id\": null, \"error_type\": \"engine_load_failed\", \"message\": \"no GPU\"}"));
        assertEquals(new Cancelled("j1"), SidecarProtocol.parse("{\"type\": \"cancelled\", \"job_id\": \"j1\"}"));
    }

    @Test
    void segmentWithoutWordsHasAnEmptyList() {
        SegmentEvent event = (SegmentEvent) SidecarProtocol.parse(
                "{\"type\": \"segment\", \"job_id\": \"j1\", \"start\": 0, \"end\": 1, \"text\": \"x\", \"words\": []}");
        assertEquals(List.of(), event.segment().words());
    }

    @Test
    void linesThatAreNotEventsAreRejectedWithTheReason() {
        assertTrue(assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse("Loading model..."))
                .getMessage().startsWith("not JSON"));
        assertTrue(assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse("[1]"))
                .getMessage().contains("not a JSON object"));
        assertTrue(assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse("{\"type\": \"hello\"}"))
                .getMessage().contains("unknown event type 'hello'"));
        assertTrue(assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse("{\"type\": \"progress\", \"job_id\": \"j1\", \"decoded\": \"x\", \"duration\": 1}"))
                .getMessage().contains("'decoded' must be a number"));
    }

    @Test
    void fieldsTheWorkerDoesNotKnowAreIgnored() {
        assertEquals(new Cancelled("j1"), SidecarProtocol.parse("{\"type\": \"cancelled\", \"job_id\": \"j1\", \"reason\": \"asked\"}"));
        SegmentEvent segment = (SegmentEvent) SidecarProtocol.parse("{\"type\": \"segment\", \"job_id\": \"j1\", \"start\": 0,"
                + " \"end\": 1, \"text\": \"x\", \"seek\": 3, \"words\": [{\"start\": 0, \"end\": 1, \"word\": \"x\", \"extra\": 1}]}");
        assertEquals(List.of(new Word(0, 1, "x", null)), segment.segment().words());
        assertEquals(new GuardCounts(1, 0), ((Result) SidecarProtocol.parse("{\"type\": \"result\", \"job_id\": \"j1\","
                + " \"duration\": 1, \"guards\": {\"dropped\": 1, \"redecoded\": 0, \"new_guard\": 5}}")).guards());
    }

    @Test
    void optionalFieldsMayBeMissingOrNull() {
        assertEquals(new ErrorEvent(null, "bad_request", "?"), SidecarProtocol.parse(
                "{\"type\": \"error\", \"error_type\": \"bad_request\", \"message\": \"?\"}"));
        assertEquals(new Result("j1", null, null, 1.0, GuardCounts.NONE), SidecarProtocol.parse(
                "{\"type\": \"result\", \"job_id\": \"j1\", \"duration\": 1}"));
        assertEquals(new Result("j1", null, null, 1.0, GuardCounts.NONE), SidecarProtocol.parse(
                "{\"type\": \"result\", \"job_id\": \"j1\", \"language\": null, \"duration\": 1, \"guards\": null}"));
        assertEquals(GuardCounts.NONE, ((Result) SidecarProtocol.parse(
                "{\"type\": \"result\", \"job_id\": \"j1\", \"duration\": 1, \"guards\": \"off\"}")).guards(),
                "guards that are not an object mean none ran");
        assertEquals(List.of(), ((SegmentEvent) SidecarProtocol.parse(
                "{\"type\": \"segment\", \"job_id\": \"j1\", \"start\": 0, \"end\": 1, \"text\": \"x\"}")).segment().words());
        assertEquals(List.of(), ((SegmentEvent) SidecarProtocol.parse(
                "{\"type\": \"segment\", \"job_id\": \"j1\", \"start\": 0, \"end\": 1, \"text\": \"x\", \"words\": null}")).segment().words());
    }

    @Test
    void aRequiredFieldMissingNullOrOfAnotherTypeIsNamedWithItsObject() {
        assertEquals("field 'job_id' must be a string in {\"type\":\"cancelled\"}", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"type\": \"cancelled\"}")).getMessage());
        assertEquals("field 'job_id' must be a string in {\"type\":\"cancelled\",\"job_id\":null}", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"type\": \"cancelled\", \"job_id\": null}")).getMessage());
        assertEquals("field 'job_id' must be a string in {\"type\":\"cancelled\",\"job_id\":7}", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"type\": \"cancelled\", \"job_id\": 7}")).getMessage(), "a number is not a string");
        assertEquals("field 'decoded' must be a number in {\"type\":\"progress\",\"job_id\":\"j1\",\"decoded\":\"2\",\"duration\":1}",
                assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse(
                        "{\"type\": \"progress\", \"job_id\": \"j1\", \"decoded\": \"2\", \"duration\": 1}")).getMessage(),
                "a numeric string is not a number");
        assertEquals("field 'duration' must be a number in {\"type\":\"progress\",\"job_id\":\"j1\",\"decoded\":2}",
                assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse(
                        "{\"type\": \"progress\", \"job_id\": \"j1\", \"decoded\": 2}")).getMessage());
        assertEquals("field 'word' must be a string in {\"start\":0,\"end\":1}", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"type\": \"segment\", \"job_id\": \"j1\", \"start\": 0, \"end\": 1, \"text\": \"x\","
                        + " \"words\": [{\"start\": 0, \"end\": 1}]}")).getMessage(), "a word's field is named with the word");
        assertEquals("field 'end' must be a number in {\"start\":0,\"end\":true,\"word\":\"x\"}", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"type\": \"segment\", \"job_id\": \"j1\", \"start\": 0, \"end\": 1, \"text\": \"x\","
                        + " \"words\": [{\"start\": 0, \"end\": true, \"word\": \"x\"}]}")).getMessage());
        assertEquals("field 'redecoded' must be a number in {\"dropped\":1}", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"type\": \"result\", \"job_id\": \"j1\", \"duration\": 1, \"guards\": {\"dropped\": 1}}"))
                .getMessage(), "a guards field is named with the guards object");
    }

    @Test
    void wordsMustBeAListOfObjects() {
        // before Jackson, words that were a string or number read as none; the sidecar always sends a list
        assertEquals("field 'words' must be a list in {\"type\":\"segment\",\"job_id\":\"j1\",\"start\":0,\"end\":1,\"text\":\"x\",\"words\":{}}",
                assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse("{\"type\": \"segment\", \"job_id\": \"j1\","
                        + " \"start\": 0, \"end\": 1, \"text\": \"x\", \"words\": {}}")).getMessage());
        assertEquals("field 'words[0]' must be an object in [\"x\"]",
                assertThrows(MalformedEventException.class, () -> SidecarProtocol.parse("{\"type\": \"segment\", \"job_id\": \"j1\","
                        + " \"start\": 0, \"end\": 1, \"text\": \"x\", \"words\": [\"x\"]}")).getMessage());
    }

    @Test
    void aLineWithoutATypeIsAnUnknownEvent() {
        assertEquals("unknown event type ''", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"job_id\": \"j1\"}")).getMessage());
        assertEquals("unknown event type 'transcribe'", assertThrows(MalformedEventException.class,
                () -> SidecarProtocol.parse("{\"type\": \"transcribe\", \"job_id\": \"j1\"}")).getMessage(),
                "a request echoed back is no event");
    }

    @Test
    void optionsRejectWhatTheSidecarWouldRefuse() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TranscribeOptions(null, "summarise", false, false, 5, null, 1))
                .getMessage().contains("task must be 'transcribe' or 'translate'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TranscribeOptions(null, "transcribe", false, false, 0, null, 1))
                .getMessage().contains("beam_size"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TranscribeOptions(null, "transcribe", false, false, 5, null, 0))
                .getMessage().contains("batch_size"));
    }
}
