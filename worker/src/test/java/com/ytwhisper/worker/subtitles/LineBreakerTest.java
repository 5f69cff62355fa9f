package com.ytwhisper.worker.subtitles;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LineBreakerTest {

    /** Real Burmese sentences, written without spaces as Burmese is, with stacked consonants and kinzi. */
    static final List<String> BURMESE = List.of(
            "မင်္ဂလာပါ",
            "ကျွန်တော်သည်မြန်မာနိုင်ငံမှလာပါသည်",
            "မြန်မာစာသည်မြန်မာနိုင်ငံ၏ရုံးသုံးဘာသာစကားဖြစ်သည်။",
            "ဗုဒ္ဓဘာသာဝင်များသည်ဘုရားကျောင်းသို့သွားကြသည်",
            "ရန်ကုန်တက္ကသိုလ်သည်မြန်မာနိုင်ငံတွင်အဟောင်းဆုံးတက္ကသိုလ်ဖြစ်သည်",
            "သူသည်အင်္ဂလိပ်စာကိုကောင်းကောင်းပြောတတ်သည်",
            "ကမ္ဘာကြီးသည်လှပသည်",
            "ပုဂ္ဂိုလ်တစ်ဦးချင်းစီ၏အခွင့်အရေး");

    /**
     * An independent oracle: Ye Kyaw Thu's sylbreak rule. A syllable starts at a consonant that is not
     * stacked under another and not itself a final (asat) or stack top (virama), or at an independent
     * vowel, digit or punctuation.
     */
    private static final Pattern SYLLABLE_START = Pattern.compile(
            "(?<!\u1039)[\u1000-\u1021](?![\u103A\u1039])|[\u1023-\u102A\u103F\u1040-\u104D\u104F]");

    @Test
    void spacedTextBreaksAtSpacesIntoFullLines() {
        assertEquals(List.of("The quick brown fox", "jumps over the lazy", "dog"),
                new LineBreaker(20).lines("The quick brown fox jumps over the lazy dog"));
    }

    @Test
    void runsOfWhitespaceAndLineFeedsAreOneSpace() {
        assertEquals(List.of("one two three"), new LineBreaker(42).lines("  one \n two\t\tthree  "));
    }

    @Test
    void aWordWiderThanALineIsSplitAtGraphemesAndKeepsItsLetters() {
        String word = "Pneumonoultramicroscopicsilicovolcanoconiosis";
        List<String> lines = new LineBreaker(20).lines(word + " is long");
        assertEquals(List.of("Pneumonoultramicrosc", "opicsilicovolcanocon", "iosis is long"), lines);
    }

    @Test
    void accentsAndEmojiCountAsOneCharacterEach() {
        String family = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67"; // one cluster, 8 UTF-16 units
        String cafe = "cafe\u0301"; // e + combining acute
        List<String> lines = new LineBreaker(10).lines(family.repeat(10) + " " + cafe.repeat(2));
        assertEquals(List.of(family.repeat(10), cafe.repeat(2)), lines);
        assertEquals(10, Graphemes.count(lines.get(0)));
    }

    @Test
    void burmeseBreaksOnlyAtSyllableStartsAndNeverAfterTheStacker() {
        String text = String.join("", BURMESE);
        for (int width = 10; width <= 42; width++) {
            List<String> lines = new LineBreaker(width).lines(text);
            assertEquals(text, String.join("", lines), "width " + width);
            int offset = 0;
            for (String line : lines) {
                assertTrue(Graphemes.count(line) <= width, line);
                assertFalse(line.endsWith("\u1039"), "line ends with the virama: " + line);
                assertFalse(startsWithDependent(line), "line starts with a dependent mark: " + line);
                if (offset > 0) {
                    assertTrue(isSyllableStart(text, offset), "width " + width + ": break inside a syllable before " + line);
                }
                offset += line.length();
            }
        }
    }

    @Test
    void burmeseKeepsStacksAndKinziWhole() {
        List<String> lines = new LineBreaker(10).lines("ဗုဒ္ဓဘာသာမင်္ဂလာပါတက္ကသိုလ်");
        String joined = String.join("|", lines);
        for (String whole : List.of("ဗုဒ္ဓ", "မင်္ဂ", "တက္က")) {
            assertTrue(joined.contains(whole), whole + " was split: " + joined);
        }
    }

    @Test
    void thaiBreaksBetweenDictionaryWords() {
        assertEquals(List.of("สวัสดีครับวันนี้", "อากาศดีมาก"), new LineBreaker(10).lines("สวัสดีครับวันนี้อากาศดีมาก"));
    }

    @Test
    void japaneseNeverStartsALineWithClosingPunctuationOrSmallKana() {
        String text = "今日は、とても良い天気ですね。ちょっと散歩に行きましょう。";
        for (int width = 10; width <= 20; width++) {
            for (String line : new LineBreaker(width).lines(text)) {
                assertFalse("、。ょっ".indexOf(line.charAt(0)) >= 0, "width " + width + ": " + line);
            }
        }
    }

    @Test
    void khmerNeverBreaksAfterTheCoengNorBeforeAFinalConsonant() {
        String text = "ភាសាខ្មែរគឺជាភាសាផ្លូវការនៃប្រទេសកម្ពុជា";
        for (int width = 10; width <= 20; width++) {
            List<String> lines = new LineBreaker(width).lines(text);
            assertEquals(text, String.join("", lines));
            String joined = String.join("|", lines);
            for (String whole : List.of("ខ្មែរ", "ទេស", "ផ្លូវ", "ការ")) {
                assertTrue(joined.contains(whole), "width " + width + ": " + whole + " was split: " + joined);
            }
            for (String line : lines) {
                assertFalse(line.endsWith("\u17D2"), "width " + width + ": " + line);
                assertFalse(startsWithDependent(line), "width " + width + ": " + line);
            }
        }
    }

    @Test
    void aZeroWidthSpaceIsABreakOpportunityThatPrintsAsNothing() {
        assertEquals(List.of("subtitle", "workers"), new LineBreaker(10).lines("subtitle\u200Bworkers"));
        assertEquals(List.of("subtitlew", "orkers"), new LineBreaker(9).lines("subtitleworkers"));
    }

    static boolean startsWithDependent(String line) {
        int cp = line.codePointAt(0);
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || (cp >= 0x103A && cp <= 0x103E);
    }

    private static boolean isSyllableStart(String text, int offset) {
        Matcher m = SYLLABLE_START.matcher(text);
        m.region(offset, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
        return m.lookingAt();
    }
}
