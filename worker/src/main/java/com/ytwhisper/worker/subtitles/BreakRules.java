package com.ytwhisper.worker.subtitles;

import java.lang.Character.UnicodeScript;
import java.util.Set;

/**
 * Whether a line may break between two neighbouring grapheme clusters that no space separates.
 * Spaced scripts never break there (the pair is inside a word); unspaced scripts (Myanmar, Thai, Lao,
 * Khmer, CJK) break between syllables. Thai syllables need a dictionary, which {@link LineBreaker} adds.
 */
final class BreakRules {

    /** How picky to be: a word that does not fit on a line is split again one level down. */
    enum Level {
        /** Only between syllables of unspaced scripts, never around punctuation that hugs a neighbour. */
        SYLLABLE,
        /** Anywhere the text still renders: never after a stacker or leading vowel, never before a mark. */
        SAFE,
        /** At any grapheme cluster boundary: the last resort for a run of stacked clusters wider than a line. */
        ANY
    }

    private static final Set<UnicodeScript> UNSPACED = Set.of(UnicodeScript.MYANMAR, UnicodeScript.THAI,
            UnicodeScript.LAO, UnicodeScript.KHMER, UnicodeScript.TAI_THAM, UnicodeScript.HAN,
            UnicodeScript.HIRAGANA, UnicodeScript.KATAKANA, UnicodeScript.BOPOMOFO, UnicodeScript.YI);

    private static final int MYANMAR_VIRAMA = 0x1039;
    private static final int MYANMAR_ASAT = 0x103A;
    private static final int MYANMAR_DOT_BELOW = 0x1037;

    private BreakRules() {
    }

    static boolean mayBreak(String before, String after, Level level) {
        if (level == Level.ANY) {
            return true;
        }
        int last = before.codePointBefore(before.length());
        int first = after.codePointAt(0);
        if (keepsRenderingTogether(last, first)) {
            return false;
        }
        return level == Level.SAFE || isSyllableBoundary(before, after, last, first);
    }

    static boolean isUnspaced(int codePoint) {
        return UNSPACED.contains(UnicodeScript.of(codePoint));
    }

    static boolean isThai(String cluster) {
        return UnicodeScript.of(cluster.codePointAt(0)) == UnicodeScript.THAI;
    }

    /** Splitting here would leave a stacked consonant, a mark or a vowel without the letter it is drawn with. */
    private static boolean keepsRenderingTogether(int last, int first) {
        return isStacker(last) || isLeadingVowel(last) || isDependent(first);
    }

    private static boolean isSyllableBoundary(String before, String after, int last, int first) {
        if (Character.isDigit(last) && Character.isDigit(first)) {
            return false;
        }
        if (isOpening(last) || isClosing(first) || isJapaneseSmallOrMark(first)) {
            return false;
        }
        if (!isUnspaced(before.codePointAt(0)) && !isUnspaced(first)) {
            return false;
        }
        return !closesMyanmarSyllable(after) && !closesKhmerSyllable(after);
    }

    /** Myanmar virama, Khmer coeng and Tai Tham sakot put the next consonant under this one. */
    private static boolean isStacker(int cp) {
        return cp == MYANMAR_VIRAMA || cp == 0x17D2 || cp == 0x1A60;
    }

    /** Thai and Lao vowels written (and stored) before the consonant they follow in speech. */
    private static boolean isLeadingVowel(int cp) {
        return (cp >= 0x0E40 && cp <= 0x0E44) || (cp >= 0x0EC0 && cp <= 0x0EC4);
    }

    /** Marks, joiners, Myanmar medials and asat, and the Thai and Lao vowels that are letters yet follow a consonant. */
    private static boolean isDependent(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || cp == 0x200C || cp == 0x200D
                || (cp >= 0x103A && cp <= 0x103E)
                || cp == 0x0E30 || cp == 0x0E32 || cp == 0x0E33 || cp == 0x0E45
                || cp == 0x0EB0 || cp == 0x0EB2 || cp == 0x0EB3;
    }

    /**
     * A Myanmar consonant followed by asat (a final) or by virama (the top of a stack) ends the syllable
     * before it: in {@code ဗုဒ္ဓ} and {@code ကြက်} no break falls before {@code ဒ္} or {@code က်}.
     */
    private static boolean closesMyanmarSyllable(String cluster) {
        int base = cluster.codePointAt(0);
        if (UnicodeScript.of(base) != UnicodeScript.MYANMAR || Character.getType(base) != Character.OTHER_LETTER) {
            return false;
        }
        int i = Character.charCount(base);
        while (i < cluster.length() && cluster.codePointAt(i) == MYANMAR_DOT_BELOW) {
            i++;
        }
        if (i >= cluster.length()) {
            return false;
        }
        int next = cluster.codePointAt(i);
        return next == MYANMAR_ASAT || next == MYANMAR_VIRAMA;
    }

    /**
     * A Khmer consonant with no vowel sign, not stacking the next one, is most often the final of the syllable
     * before it: {@code ខ្មែរ} and {@code ស្រឡាញ់} keep their {@code រ} and {@code ញ់}. (A syllable of a bare
     * consonant and its inherent vowel then joins its neighbour: too short a line, never a broken one.)
     */
    private static boolean closesKhmerSyllable(String cluster) {
        int base = cluster.codePointAt(0);
        if (base < 0x1780 || base > 0x17A2 || cluster.endsWith("\u17D2")) {
            return false;
        }
        return cluster.codePoints().noneMatch(cp -> cp >= 0x17B6 && cp <= 0x17C5);
    }

    private static boolean isOpening(int cp) {
        int type = Character.getType(cp);
        return type == Character.START_PUNCTUATION || type == Character.INITIAL_QUOTE_PUNCTUATION
                || cp == '¿' || cp == '¡';
    }

    /** Full stops, commas, closing brackets and quotes stay at the end of the line they close. */
    static boolean isClosing(int cp) {
        int type = Character.getType(cp);
        return type == Character.END_PUNCTUATION || type == Character.FINAL_QUOTE_PUNCTUATION
                || (type == Character.OTHER_PUNCTUATION && cp != '¿' && cp != '¡');
    }

    /** Small kana, the prolonged sound mark and iteration marks never start a line (kinsoku). */
    private static boolean isJapaneseSmallOrMark(int cp) {
        return "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶーゝゞヽヾ々〻".indexOf(cp) >= 0;
    }
}
