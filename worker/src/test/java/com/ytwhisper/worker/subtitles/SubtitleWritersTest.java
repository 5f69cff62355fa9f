package com.ytwhisper.worker.subtitles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import com.ytwhisper.worker.transcript.Word;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SubtitleWritersTest {

    private static final List<Cue> CUES = List.of(
            new Cue(1_500, 4_000, List.of("Hello there,", "how are you?")),
            new Cue(4_000, 5_250, List.of("မင်္ဂလာပါ")),
            new Cue(3_725_042, 3_727_000, List.of("A <b> & C --> D")));

    private static final Transcript TRANSCRIPT = new Transcript(
            new TranscriptInfo("en", 0.97, 12.5, "pocketsphinx", "en-us"),
            List.of(new Segment(0.5, 1.5, " Hello  world.", List.of(new Word(0.5, 1.0, " Hello", 0.9),
                            new Word(1.0, 1.5, " world.", Double.NaN)), -0.25, 0.02),
                    new Segment(2.0, 3.0, " ", List.of(), null, null),
                    new Segment(3.0, 4.0, "Second line", List.of(), null, null)));

    @Test
    void srtNumbersCuesFromOneWithCommaMillisecondsAndABlankLineBetween() {
        assertEquals("""
                1
                00:00:01,500 --> 00:00:04,000
                Hello there,
                how are you?

                2
                00:00:04,000 --> 00:00:05,250
                မင်္ဂလာပါ

                3
                01:02:05,042 --> 01:02:07,000
                A <b> & C → D
                """, SrtWriter.write(CUES));
    }

    @Test
    void srtWithAnArrowInTheTextStillReadsBack() {
        List<Cue> parsed = SrtParser.parse(SrtWriter.write(CUES));
        assertEquals(CUES.subList(0, 2), parsed.subList(0, 2));
        assertEquals(List.of("A <b> & C → D"), parsed.get(2).lines());
    }

    @Test
    void vttHasItsHeaderDotMillisecondsAndEscapedText() {
        assertEquals("""
                WEBVTT

                00:00:01.500 --> 00:00:04.000
                Hello there,
                how are you?

                00:00:04.000 --> 00:00:05.250
                မင်္ဂလာပါ

                01:02:05.042 --> 01:02:07.000
                A &lt;b&gt; &amp; C --&gt; D
                """, VttWriter.write(CUES));
    }

    @Test
    void hoursPastNinetyNineStillPrint() {
        assertEquals("100:00:00,001", Timecode.format(360_000_001L, ','));
    }

    @Test
    void jsonCarriesSegmentsWordsAndTheTranscriptInfo() throws Exception {
        JsonNode json = new ObjectMapper().readTree(JsonWriter.write(TRANSCRIPT));
        assertEquals("en", json.get("language").asText());
        assertEquals(0.97, json.get("language_probability").asDouble());
        assertEquals(12.5, json.get("duration").asDouble());
        assertEquals("pocketsphinx", json.get("engine").asText());
        assertEquals("en-us", json.get("model").asText());
        JsonNode first = json.get("segments").get(0);
        assertEquals(0, first.get("id").asInt());
        assertEquals(0.5, first.get("start").asDouble());
        assertEquals(" Hello  world.", first.get("text").asText());
        assertEquals(-0.25, first.get("avg_logprob").asDouble());
        assertEquals(0.02, first.get("no_speech_prob").asDouble());
        assertEquals(" world.", first.get("words").get(1).get("word").asText());
        assertEquals(1.0, first.get("words").get(1).get("start").asDouble());
        assertTrue(first.get("words").get(1).get("probability").isNull(), "NaN becomes null");
        assertTrue(json.get("segments").get(2).get("avg_logprob").isNull());
        assertEquals(0, json.get("segments").get(2).get("words").size());
    }

    @Test
    void txtIsOneLinePerSpokenSegment() {
        assertEquals("Hello world.\nSecond line\n", TxtWriter.write(TRANSCRIPT));
    }

    @Test
    void everyFormatRendersUtf8WithoutAByteOrderMark() {
        for (SubtitleFormat format : SubtitleFormat.values()) {
            byte[] bytes = format.render(TRANSCRIPT, SubtitleLayout.DEFAULT);
            assertTrue(bytes.length > 3, format.name());
            assertFalse((bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB, format + " starts with a BOM");
        }
        String srt = new String(SubtitleFormat.SRT.render(TRANSCRIPT, SubtitleLayout.DEFAULT), StandardCharsets.UTF_8);
        assertEquals(List.of(new Cue(500, 1500, List.of("Hello world.")), new Cue(3000, 4000, List.of("Second line"))),
                SrtParser.parse(srt));
        assertTrue(new String(SubtitleFormat.VTT.render(TRANSCRIPT, SubtitleLayout.DEFAULT), StandardCharsets.UTF_8)
                .startsWith("WEBVTT\n\n00:00:00.500 --> 00:00:01.500\n"));
    }

    @Test
    void formatsParseByNameInAnyCaseAndNameTheChoicesOtherwise() {
        assertEquals(SubtitleFormat.SRT, SubtitleFormat.parse("srt"));
        assertEquals(SubtitleFormat.VTT, SubtitleFormat.parse(" VTT "));
        assertEquals("json", SubtitleFormat.JSON.extension());
        assertEquals("application/x-subrip; charset=utf-8", SubtitleFormat.SRT.contentType());
        assertEquals("text/vtt; charset=utf-8", SubtitleFormat.VTT.contentType());
        assertEquals("application/json", SubtitleFormat.JSON.contentType());
        assertEquals("text/plain; charset=utf-8", SubtitleFormat.TXT.contentType());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SubtitleFormat.parse("ass"));
        assertEquals("unknown subtitle format \"ass\"; use one of srt, vtt, json, txt", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SubtitleFormat.parse(null));
    }

    @Test
    void layoutDefaultsAndLimitsNameTheSetting() {
        assertEquals(new SubtitleLayout(42, 2, 7), SubtitleLayout.DEFAULT);
        assertEquals(7000, SubtitleLayout.DEFAULT.maxCueMs());
        assertEquals("max_line_chars must be between 10 and 200, got 5; use e.g. 42",
                assertThrows(IllegalArgumentException.class, () -> new SubtitleLayout(5, 2, 7)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SubtitleLayout(42, 0, 7))
                .getMessage().startsWith("max_lines must be between 1 and 10"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new SubtitleLayout(42, 2, Double.NaN))
                .getMessage().startsWith("max_cue_seconds must be between 1 and 60"));
    }

    @Test
    void srtParserRejectsWhatIsNotStrictSrt() {
        assertThrows(IllegalArgumentException.class, () -> SrtParser.parse("2\n00:00:01,000 --> 00:00:02,000\nx\n"));
        assertThrows(IllegalArgumentException.class, () -> SrtParser.parse("1\n00:00:01.000 --> 00:00:02,000\nx\n"));
        assertThrows(IllegalArgumentException.class, () -> SrtParser.parse("1\n00:00:01,000 --> 00:00:02,000\n\n"));
        assertThrows(IllegalArgumentException.class,
                () -> SrtParser.parse("\uFEFF1\n00:00:01,000 --> 00:00:02,000\nx\n".getBytes(StandardCharsets.UTF_8)));
    }
}
