package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.subtitles.SegmentText.Span;
import com.ytwhisper.worker.transcript.Segment;

import java.util.List;

/**
 * A segment's grapheme clusters, each with the time it is spoken. A span's time is shared among the
 * visible clusters that start in it, in proportion to their count; separators take no time. Clusters are
 * taken from the joined text, so a mark the engine timed as its own "word" stays with its letter.
 */
record TimedText(List<String> graphemes, double[] starts, double[] ends) {

    static TimedText of(Segment segment) {
        List<Span> spans = SegmentText.spans(segment);
        StringBuilder joined = new StringBuilder();
        int[] spanEnds = new int[spans.size()];
        for (int s = 0; s < spans.size(); s++) {
            joined.append(spans.get(s).text());
            spanEnds[s] = joined.length();
        }
        List<String> graphemes = Graphemes.split(joined.toString());
        double[] starts = new double[graphemes.size()];
        double[] ends = new double[graphemes.size()];
        int g = 0;
        int offset = 0;
        for (int s = 0; s < spans.size() && g < graphemes.size(); s++) {
            int first = g;
            int visible = 0;
            while (g < graphemes.size() && offset < spanEnds[s]) {
                if (!Graphemes.isSeparator(graphemes.get(g))) {
                    visible++;
                }
                offset += graphemes.get(g).length();
                g++;
            }
            share(spans.get(s), graphemes, first, g, visible, starts, ends);
        }
        return new TimedText(graphemes, starts, ends);
    }

    private static void share(Span span, List<String> graphemes, int from, int to, int visible,
                              double[] starts, double[] ends) {
        double step = visible == 0 ? 0 : (span.end() - span.start()) / visible;
        int k = 0;
        for (int i = from; i < to; i++) {
            starts[i] = span.start() + step * k;
            if (!Graphemes.isSeparator(graphemes.get(i))) {
                k++;
            }
            ends[i] = span.start() + step * k;
        }
    }
}
