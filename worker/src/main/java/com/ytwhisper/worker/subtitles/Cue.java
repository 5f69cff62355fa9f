package com.ytwhisper.worker.subtitles;

import java.util.List;

/**
 * One subtitle on screen. Times are whole milliseconds: cue times are rounded once, when the cue is built,
 * so every writer prints the same instants and rounding can never make two cues overlap.
 *
 * @param startMs when it appears, from the start of the audio
 * @param endMs   when it disappears; after {@code startMs}
 * @param lines   the lines shown, top to bottom; none blank, none containing a line break
 */
public record Cue(long startMs, long endMs, List<String> lines) {

    public Cue {
        if (startMs < 0 || endMs <= startMs) {
            throw new IllegalArgumentException("a cue needs 0 <= start < end, got " + startMs + " ms to " + endMs + " ms");
        }
        lines = List.copyOf(lines);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a cue needs at least one line");
        }
        for (String line : lines) {
            if (line.isBlank() || line.indexOf('\n') >= 0 || line.indexOf('\r') >= 0) {
                throw new IllegalArgumentException("a cue line must be non-blank and single, got \"" + line + "\"");
            }
        }
    }

    /** Start in seconds. */
    public double start() {
        return startMs / 1000.0;
    }

    /** End in seconds. */
    public double end() {
        return endMs / 1000.0;
    }

    /** The lines joined with line feeds. */
    public String text() {
        return String.join("\n", lines);
    }
}
