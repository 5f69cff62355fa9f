package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.subtitles.BreakRules.Level;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Cuts text into pieces that may start a line and lays pieces out in lines, counting grapheme clusters.
 * Spaced scripts break at spaces; unspaced scripts at syllables ({@link BreakRules}; Thai through the
 * JDK's Thai dictionary where the runtime has it). A word wider than a line is split at safe cluster
 * boundaries, so no line ever exceeds the width.
 */
public final class LineBreaker {

    /** Graphemes {@code [from, to)} of the text; {@code spaceBefore} says a space joins it to a piece before it. */
    record Piece(int from, int to, boolean spaceBefore) {
        int length() {
            return to - from;
        }
    }

    private static final Locale THAI = Locale.forLanguageTag("th");

    private final int maxLineChars;

    public LineBreaker(int maxLineChars) {
        if (maxLineChars < 1) {
            throw new IllegalArgumentException("max_line_chars must be at least 1, got " + maxLineChars);
        }
        this.maxLineChars = maxLineChars;
    }

    /** Lays free text out in as many lines as it takes, each at most {@code maxLineChars} graphemes. */
    public List<String> lines(String text) {
        List<String> graphemes = Graphemes.split(text);
        List<Piece> pieces = pieces(graphemes);
        List<String> lines = new ArrayList<>();
        for (List<Piece> line : fill(pieces, maxLineChars)) {
            lines.add(render(graphemes, line));
        }
        return lines;
    }

    /** The pieces between break opportunities, none wider than a line; separators are dropped. */
    List<Piece> pieces(List<String> graphemes) {
        List<Piece> pieces = new ArrayList<>();
        boolean space = false;
        int i = 0;
        while (i < graphemes.size()) {
            String g = graphemes.get(i);
            if (Graphemes.isSeparator(g)) {
                space |= !g.equals(Graphemes.ZERO_WIDTH_SPACE);
                i++;
                continue;
            }
            int end = i;
            while (end < graphemes.size() && !Graphemes.isSeparator(graphemes.get(end))) {
                end++;
            }
            addWord(graphemes, i, end, space && !pieces.isEmpty(), pieces);
            space = false;
            i = end;
        }
        return pieces;
    }

    /** The fewest lines {@code maxLineChars} allows, each as short as that line count allows. */
    List<String> balancedLines(List<String> graphemes, List<Piece> pieces) {
        int lineCount = fill(pieces, maxLineChars).size();
        int narrow = pieces.stream().mapToInt(Piece::length).max().orElse(1);
        int wide = maxLineChars;
        while (narrow < wide) {
            int mid = (narrow + wide) >>> 1;
            if (fill(pieces, mid).size() <= lineCount) {
                wide = mid;
            } else {
                narrow = mid + 1;
            }
        }
        List<String> lines = new ArrayList<>();
        for (List<Piece> line : fill(pieces, wide)) {
            lines.add(render(graphemes, line));
        }
        return lines;
    }

    /** Greedy filling: each line takes pieces while they fit in {@code width}. */
    static List<List<Piece>> fill(List<Piece> pieces, int width) {
        List<List<Piece>> lines = new ArrayList<>();
        List<Piece> line = new ArrayList<>();
        int used = 0;
        for (Piece piece : pieces) {
            int added = piece.length() + (line.isEmpty() || !piece.spaceBefore() ? 0 : 1);
            if (!line.isEmpty() && used + added > width) {
                lines.add(line);
                line = new ArrayList<>();
                used = 0;
                added = piece.length();
            }
            line.add(piece);
            used += added;
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        return lines;
    }

    static String render(List<String> graphemes, List<Piece> line) {
        StringBuilder text = new StringBuilder();
        for (Piece piece : line) {
            if (piece.spaceBefore() && !text.isEmpty()) {
                text.append(' ');
            }
            for (int i = piece.from(); i < piece.to(); i++) {
                text.append(graphemes.get(i));
            }
        }
        return text.toString();
    }

    private void addWord(List<String> graphemes, int from, int to, boolean spaceBefore, List<Piece> out) {
        BitSet thaiWordStarts = thaiWordStarts(graphemes, from, to);
        split(graphemes, from, to, Level.SYLLABLE, thaiWordStarts, spaceBefore, out);
    }

    private void split(List<String> graphemes, int from, int to, Level level, BitSet thaiWordStarts,
                       boolean spaceBefore, List<Piece> out) {
        int start = from;
        for (int k = from + 1; k <= to; k++) {
            if (k < to && !mayBreak(graphemes, k, level, thaiWordStarts)) {
                continue;
            }
            boolean space = start == from && spaceBefore;
            if (k - start > maxLineChars) {
                split(graphemes, start, k, Level.values()[level.ordinal() + 1], thaiWordStarts, space, out);
            } else {
                out.add(new Piece(start, k, space));
            }
            start = k;
        }
    }

    private static boolean mayBreak(List<String> graphemes, int k, Level level, BitSet thaiWordStarts) {
        String before = graphemes.get(k - 1);
        String after = graphemes.get(k);
        if (level == Level.SYLLABLE && BreakRules.isThai(before) && BreakRules.isThai(after)
                && !thaiWordStarts.get(k)) {
            return false;
        }
        return BreakRules.mayBreak(before, after, level);
    }

    /** Grapheme indexes where the JDK's Thai dictionary starts a word; empty when the word has no Thai. */
    private static BitSet thaiWordStarts(List<String> graphemes, int from, int to) {
        BitSet starts = new BitSet();
        if (graphemes.subList(from, to).stream().noneMatch(BreakRules::isThai)) {
            return starts;
        }
        StringBuilder word = new StringBuilder();
        List<Integer> offsets = new ArrayList<>();
        for (int i = from; i < to; i++) {
            offsets.add(word.length());
            word.append(graphemes.get(i));
        }
        BreakIterator words = BreakIterator.getWordInstance(THAI);
        words.setText(word.toString());
        for (int b = words.first(); b != BreakIterator.DONE; b = words.next()) {
            int index = Collections.binarySearch(offsets, b);
            if (index >= 0) {
                starts.set(from + index);
            }
        }
        return starts;
    }
}
