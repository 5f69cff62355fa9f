package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Word;

import java.util.ArrayList;
import java.util.List;

/**
 * A segment's text as timed spans: its words when the engine timed them, else the whole segment.
 * Times the engine left out of order or not finite fall back to the segment's own.
 */
final class SegmentText {

    record Span(String text, double start, double end) {
    }

    private SegmentText() {
    }

    static List<Span> spans(Segment segment) {
        double segmentStart = finiteOr(segment.start(), 0);
        double segmentEnd = Math.max(segmentStart, finiteOr(segment.end(), segmentStart));
        if (segment.words().isEmpty()) {
            return List.of(new Span(nullToEmpty(segment.text()), segmentStart, segmentEnd));
        }
        List<Span> spans = new ArrayList<>(segment.words().size() * 2);
        String previous = "";
        for (Word word : segment.words()) {
            String text = nullToEmpty(word.text());
            if (needsSpace(previous, text)) {
                spans.add(new Span(" ", segmentStart, segmentStart));
            }
            double start = finiteOr(word.start(), segmentStart);
            spans.add(new Span(text, start, Math.max(start, finiteOr(word.end(), start))));
            if (!text.isEmpty()) {
                previous = text;
            }
        }
        return spans;
    }

    static String text(Segment segment) {
        StringBuilder text = new StringBuilder();
        for (Span span : spans(segment)) {
            text.append(span.text());
        }
        return text.toString();
    }

    /**
     * Whisper starts each word of a spaced script with its space; other engines give bare words.
     * Two letters or digits of a spaced script meeting without a space get one, so bare words do not run
     * together, while Burmese or Chinese pieces join as they came.
     */
    private static boolean needsSpace(String previous, String next) {
        if (previous.isEmpty() || next.isEmpty()) {
            return false;
        }
        int last = previous.codePointBefore(previous.length());
        int first = next.codePointAt(0);
        return isSpacedWordChar(last) && isSpacedWordChar(first);
    }

    private static boolean isSpacedWordChar(int cp) {
        return Character.isLetterOrDigit(cp) && !BreakRules.isUnspaced(cp);
    }

    private static double finiteOr(double value, double fallback) {
        return Double.isFinite(value) ? value : fallback;
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
