package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.subtitles.LineBreaker.Piece;
import com.ytwhisper.worker.transcript.Segment;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns segments into cues within a {@link SubtitleLayout}. Each segment starts a new cue; a cue takes the
 * segment's pieces while they fit in its lines and its time, preferring to end at a clause's punctuation.
 * Times are rounded to milliseconds once, per piece; a last pass keeps cues in order and apart.
 */
public final class CueBuilder {

    private record Draft(long startMs, long endMs, List<String> lines) {
    }

    private final SubtitleLayout layout;
    private final LineBreaker breaker;

    public CueBuilder(SubtitleLayout layout) {
        this.layout = layout;
        this.breaker = new LineBreaker(layout.maxLineChars());
    }

    public List<Cue> build(List<Segment> segments) {
        List<Draft> drafts = new ArrayList<>();
        for (Segment segment : segments) {
            addSegment(TimedText.of(segment), drafts);
        }
        return ordered(drafts);
    }

    private void addSegment(TimedText text, List<Draft> drafts) {
        List<Piece> pieces = breaker.pieces(text.graphemes());
        long[] startMs = new long[pieces.size()];
        long[] endMs = new long[pieces.size()];
        for (int p = 0; p < pieces.size(); p++) {
            Piece piece = pieces.get(p);
            startMs[p] = toMs(text.starts()[piece.from()]);
            endMs[p] = toMs(text.ends()[piece.to() - 1]);
        }
        int first = 0;
        while (first < pieces.size()) {
            int end = cueEnd(text, pieces, first, startMs, endMs);
            List<Piece> cue = pieces.subList(first, end);
            long cueEnd = endMs[first];
            for (int p = first; p < end; p++) {
                cueEnd = Math.max(cueEnd, endMs[p]);
            }
            drafts.add(new Draft(startMs[first], cueEnd, breaker.balancedLines(text.graphemes(), cue)));
            first = end;
        }
    }

    /** One past the last piece of the cue starting at {@code first}. */
    private int cueEnd(TimedText text, List<Piece> pieces, int first, long[] startMs, long[] endMs) {
        int width = layout.maxLineChars();
        int lines = 1;
        int used = pieces.get(first).length();
        long end = endMs[first];
        int next = first + 1;
        for (; next < pieces.size(); next++) {
            Piece piece = pieces.get(next);
            end = Math.max(end, endMs[next]);
            if (end - startMs[first] > layout.maxCueMs()) {
                break;
            }
            int added = piece.length() + (piece.spaceBefore() ? 1 : 0);
            if (used + added <= width) {
                used += added;
            } else if (lines < layout.maxLines()) {
                lines++;
                used = piece.length();
            } else {
                break;
            }
        }
        return next < pieces.size() ? afterClause(text, pieces, first, next) : next;
    }

    /** Moves a cut back to just after a clause's punctuation, if one closes the cue's second half. */
    private static int afterClause(TimedText text, List<Piece> pieces, int first, int end) {
        for (int p = end - 1; p > first && p - first >= (end - first) / 2; p--) {
            if (endsClause(text.graphemes().get(pieces.get(p).to() - 1))) {
                return p + 1;
            }
        }
        return end;
    }

    private static boolean endsClause(String grapheme) {
        return ".!?,;:…。！？、，；：।॥။၊។៕".indexOf(grapheme.codePointAt(0)) >= 0;
    }

    /**
     * Starts no cue before the previous one ends. A cue pushed past its own end keeps the time it was spoken
     * for, so overlapping engine output does not leave it a flash; every cue lasts 1 ms to the layout's limit.
     */
    private List<Cue> ordered(List<Draft> drafts) {
        List<Cue> cues = new ArrayList<>(drafts.size());
        long previousEnd = 0;
        for (Draft draft : drafts) {
            long start = Math.max(draft.startMs(), previousEnd);
            long spoken = Math.max(1, draft.endMs() - draft.startMs());
            long end = Math.min(draft.endMs() > start ? draft.endMs() : start + spoken, start + layout.maxCueMs());
            cues.add(new Cue(start, end, draft.lines()));
            previousEnd = end;
        }
        return cues;
    }

    private static long toMs(double seconds) {
        return Math.max(0, Math.round(seconds * 1000));
    }
}
