package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Word;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** The promises every cue list makes, checked from the outside. */
final class CueInvariants {

    private CueInvariants() {
    }

    static void check(List<Segment> segments, SubtitleLayout layout, List<Cue> cues) {
        long previousEnd = 0;
        for (Cue cue : cues) {
            String where = "cue at " + cue.startMs() + " ms " + cue.lines();
            assertTrue(cue.endMs() > cue.startMs(), where + ": ends before it starts");
            assertTrue(cue.endMs() - cue.startMs() <= layout.maxCueMs(), where + ": longer than " + layout.maxCueMs() + " ms");
            assertTrue(cue.startMs() >= previousEnd, where + ": overlaps the cue before, which ends at " + previousEnd);
            assertFalse(cue.lines().isEmpty(), where + ": empty");
            assertTrue(cue.lines().size() <= layout.maxLines(), where + ": more than " + layout.maxLines() + " lines");
            for (String line : cue.lines()) {
                assertTrue(Graphemes.count(line) <= layout.maxLineChars(), where + ": line wider than " + layout.maxLineChars());
                assertEquals(line.strip(), line, where + ": line with outer whitespace");
                assertFalse(line.isEmpty() || line.contains("  "), where + ": empty line or double space");
                assertFalse(line.endsWith("\u1039") || line.endsWith("\u17D2"), where + ": line ends with a stacker");
                assertFalse(LineBreakerTest.startsWithDependent(line), where + ": line starts with a dependent mark");
                assertFalse(startsWithMyanmarFinal(line), where + ": line starts with the final of a syllable");
            }
            previousEnd = cue.endMs();
        }
        assertEquals(visible(spokenText(segments)), visible(cueText(cues)), "visible characters, in order");
    }

    /** English words come out whole and in order; only a word wider than a line is cut, into consecutive parts. */
    static void checkWordsWhole(List<String> words, int maxLineChars, List<Cue> cues) {
        List<String> units = new ArrayList<>();
        for (Cue cue : cues) {
            for (String line : cue.lines()) {
                for (String unit : line.split(" ")) {
                    if (unit.chars().allMatch(c -> c < 128)) {
                        units.add(unit);
                    }
                }
            }
        }
        int u = 0;
        for (String word : words) {
            StringBuilder found = new StringBuilder();
            do {
                if (u == units.size()) {
                    fail("word \"" + word + "\" missing; parts left: none");
                }
                found.append(units.get(u++));
            } while (word.length() > maxLineChars && found.length() < word.length());
            assertEquals(word, found.toString());
        }
        assertEquals(units.size(), u, "text that no word accounts for");
    }

    /** A consonant with asat or virama closes the syllable before it, so it never starts a line. */
    private static boolean startsWithMyanmarFinal(String line) {
        int cp = line.codePointAt(0);
        String rest = line.substring(Character.charCount(cp)).replace("\u1037", "");
        return cp >= 0x1000 && cp <= 0x1021 && (rest.startsWith("\u103A") || rest.startsWith("\u1039"));
    }

    private static String spokenText(List<Segment> segments) {
        StringBuilder text = new StringBuilder();
        for (Segment segment : segments) {
            if (segment.words().isEmpty()) {
                text.append(segment.text());
            }
            for (Word word : segment.words()) {
                text.append(word.text());
            }
        }
        return text.toString();
    }

    private static String cueText(List<Cue> cues) {
        StringBuilder text = new StringBuilder();
        cues.forEach(cue -> text.append(cue.text()));
        return text.toString();
    }

    private static String visible(String text) {
        StringBuilder visible = new StringBuilder();
        text.codePoints().filter(cp -> !Character.isWhitespace(cp) && cp != 0x200B).forEach(visible::appendCodePoint);
        return visible.toString();
    }
}
