package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Word;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CueBuilderTest {

    private final CueBuilder builder = new CueBuilder(SubtitleLayout.DEFAULT);

    @Test
    void aShortSegmentWithWordTimesIsOneCueFromItsFirstWordToItsLast() {
        Segment segment = timed(" Hello there, how are you?", 1.2, 0.3);
        assertEquals(List.of(new Cue(1200, 2700, List.of("Hello there, how are you?"))), builder.build(List.of(segment)));
    }

    @Test
    void aLongSegmentWithoutWordsIsTimedByItsCharactersAndCutIntoCuesOfAtMostSevenSeconds() {
        String sentence = "this sentence has exactly forty characters";
        Segment segment = new Segment(0, 20, (sentence + " ").repeat(6).strip(), List.of(), null, null);
        List<Cue> cues = builder.build(List.of(segment));

        CueInvariants.check(List.of(segment), SubtitleLayout.DEFAULT, cues);
        assertEquals(0, cues.get(0).startMs());
        assertEquals(20_000, cues.get(cues.size() - 1).endMs());
        for (int i = 1; i < cues.size(); i++) {
            // the segment's time is shared by its characters, so consecutive cues touch
            assertEquals(cues.get(i - 1).endMs(), cues.get(i).startMs());
        }
        assertTrue(cues.size() >= 3, "20 s need at least three 7 s cues");
    }

    @Test
    void twoLinesAreBalancedRatherThanAFullLineAndAnOrphan() {
        Segment segment = new Segment(0, 4, "The weather today is nice and the sun is shining brightly", List.of(), null, null);
        assertEquals(List.of("The weather today is nice and", "the sun is shining brightly"),
                builder.build(List.of(segment)).get(0).lines());
    }

    @Test
    void aCueThatMustBeCutEndsAtAClauseWhenOneClosesItsSecondHalf() {
        Segment segment = timed(" We went to the market early in the morning, and then we walked along the river"
                + " until the sun went down over the hills.", 0, 0.25);
        List<Cue> cues = builder.build(List.of(segment));
        assertEquals(List.of("We went to the market", "early in the morning,"), cues.get(0).lines());
    }

    @Test
    void overlappingSegmentsAndWordsComeOutInOrderAndApart() {
        Segment first = new Segment(1.0, 3.0, "first segment", List.of(), null, null);
        Segment second = new Segment(2.5, 2.6, "second segment", List.of(), null, null);
        Segment third = new Segment(2.0, 4.0, "third", List.of(), null, null);
        List<Cue> cues = builder.build(List.of(first, second, third));
        // a cue pushed later keeps the 100 ms it was spoken for
        assertEquals(List.of(new Cue(1000, 3000, List.of("first segment")), new Cue(3000, 3100, List.of("second segment")),
                new Cue(3100, 4000, List.of("third"))), cues);
    }

    @Test
    void roundingToMillisecondsNeverMakesCuesOverlap() {
        List<Segment> segments = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            double start = i * 0.0015 + 0.0004;
            segments.add(new Segment(start, start + 0.0011, "w" + i, List.of(), null, null));
        }
        CueInvariants.check(segments, SubtitleLayout.DEFAULT, builder.build(segments));
    }

    @Test
    void aWordHeldLongerThanACueIsShownForTheCueLimitOnly() {
        Segment segment = new Segment(5, 20, " Ooooh", List.of(new Word(5, 20, " Ooooh", 0.9)), null, null);
        assertEquals(List.of(new Cue(5000, 12_000, List.of("Ooooh"))), builder.build(List.of(segment)));
    }

    @Test
    void zeroLengthAndNonFiniteTimesStillGiveValidCues() {
        List<Segment> segments = List.of(
                new Segment(3, 3, "instant", List.of(), null, null),
                new Segment(Double.NaN, Double.POSITIVE_INFINITY, "no times at all", List.of(), null, null),
                new Segment(4, 5, " odd words", List.of(new Word(4.5, 4.2, " odd", null), new Word(Double.NaN, 5, " words", null)), null, null));
        List<Cue> cues = builder.build(segments);
        CueInvariants.check(segments, SubtitleLayout.DEFAULT, cues);
        assertEquals(List.of("instant"), cues.get(0).lines());
        assertEquals(3, cues.size());
    }

    @Test
    void blankSegmentsGiveNoCues() {
        assertEquals(List.of(), builder.build(List.of(new Segment(0, 1, "  ", List.of(), null, null),
                new Segment(1, 2, null, List.of(), null, null))));
    }

    @Test
    void bareWordsFromAnEngineWithoutSpacesAreSpacedButBurmesePiecesJoin() {
        Segment english = new Segment(0, 2, "hello world", List.of(new Word(0, 1, "hello", null), new Word(1, 2, "world", null)), null, null);
        Segment burmese = new Segment(2, 4, "မင်္ဂလာပါ", List.of(new Word(2, 3, "မင်္ဂ", null), new Word(3, 3.5, "လာ", null),
                new Word(3.5, 4, "ပါ", null)), null, null);
        List<Cue> cues = builder.build(List.of(english, burmese));
        assertEquals(List.of("hello world"), cues.get(0).lines());
        assertEquals(List.of("မင်္ဂလာပါ"), cues.get(1).lines());
    }

    @Test
    void aWhisperWordThatIsALoneBurmeseMarkStaysWithItsLetterAndKeepsTime() {
        // Whisper cuts unspaced text at token boundaries, so a "word" may be a medial or asat alone
        Segment segment = new Segment(0, 3, "မြန်မာ", List.of(new Word(0, 1, "မ", null), new Word(1, 1.5, "ြ", null),
                new Word(1.5, 2, "န်", null), new Word(2, 3, "မာ", null)), null, null);
        assertEquals(List.of(new Cue(0, 3000, List.of("မြန်မာ"))), builder.build(List.of(segment)));
    }

    @Test
    void burmeseSentencesWithWordTimesKeepEveryInvariant() {
        List<Segment> segments = new ArrayList<>();
        double t = 0;
        for (String sentence : LineBreakerTest.BURMESE) {
            List<Word> words = new ArrayList<>();
            for (String syllable : new LineBreaker(1).lines(sentence)) {
                words.add(new Word(t, t + 0.25, syllable, null));
                t += 0.25;
            }
            segments.add(new Segment(words.get(0).start(), t, sentence, words, null, null));
        }
        for (int width = 10; width <= 42; width += 8) {
            SubtitleLayout layout = new SubtitleLayout(width, 2, 7);
            CueInvariants.check(segments, layout, new CueBuilder(layout).build(segments));
        }
    }

    @Test
    void aFourHourTranscriptWithWordTimesBuildsInOnePass() {
        // ~3,000 segments of 20 words: the builder is linear in words, so this runs in well under a second
        List<Segment> segments = new ArrayList<>();
        double t = 0;
        for (int s = 0; s < 3000; s++) {
            List<Word> words = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 20; w++) {
                String word = " word" + (s * 20 + w) + (w == 9 ? "," : "");
                words.add(new Word(t, t + 0.2, word, 0.9));
                text.append(word);
                t += 0.24;
            }
            segments.add(new Segment(words.get(0).start(), t, text.toString(), words, -0.1, 0.01));
        }
        List<Cue> cues = builder.build(segments);
        assertTrue(t > 4 * 3600 - 1000, "about four hours of speech");
        CueInvariants.check(segments, SubtitleLayout.DEFAULT, cues);
        assertTrue(cues.size() >= 6000, "each 20-word segment needs at least two cues, got " + cues.size());
    }

    /** A Whisper-style segment: one word per space-separated token, {@code step} seconds each, leading spaces kept. */
    static Segment timed(String text, double start, double step) {
        List<Word> words = new ArrayList<>();
        double t = start;
        for (String token : text.strip().split(" ")) {
            words.add(new Word(t, t + step, " " + token, 0.9));
            t += step;
        }
        return new Segment(start, t, text, words, -0.1, 0.01);
    }
}
