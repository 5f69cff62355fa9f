package com.ytwhisper.worker.subtitles;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Extended grapheme clusters: what a reader counts as one character. Java's {@code \X} follows UAX #29
 * (emoji sequences, flags and Indic spacing marks stay whole), which the JDK 17 character
 * {@link java.text.BreakIterator} does not.
 */
final class Graphemes {

    private static final Pattern CLUSTER = Pattern.compile("\\X");
    static final String ZERO_WIDTH_SPACE = "\u200B";

    private Graphemes() {
    }

    static List<String> split(String text) {
        List<String> clusters = new ArrayList<>(text.length());
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            clusters.add(m.group());
        }
        return clusters;
    }

    static int count(String text) {
        int n = 0;
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Whitespace separates words; a zero-width space is a break opportunity too, but prints as nothing. */
    static boolean isSeparator(String cluster) {
        return Character.isWhitespace(cluster.codePointAt(0)) || cluster.equals(ZERO_WIDTH_SPACE);
    }
}
