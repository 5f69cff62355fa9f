package com.ytwhisper.worker.subtitles;

/**
 * How subtitles are cut: line width, lines per cue and time per cue.
 *
 * @param maxLineChars  most grapheme clusters (what a reader sees as characters) on one line
 * @param maxLines      most lines in one cue
 * @param maxCueSeconds longest time one cue stays on screen
 */
public record SubtitleLayout(int maxLineChars, int maxLines, double maxCueSeconds) {

    /** 42 characters, 2 lines, 7 seconds: the usual broadcast limits. */
    public static final SubtitleLayout DEFAULT = new SubtitleLayout(42, 2, 7);

    public SubtitleLayout {
        requireRange("max_line_chars", maxLineChars, 10, 200, "42");
        requireRange("max_lines", maxLines, 1, 10, "2");
        if (!(maxCueSeconds >= 1 && maxCueSeconds <= 60)) {
            throw new IllegalArgumentException("max_cue_seconds must be between 1 and 60, got " + maxCueSeconds
                    + "; use e.g. 7");
        }
    }

    /** {@link #maxCueSeconds()} in whole milliseconds, the unit cues are timed in. */
    public long maxCueMs() {
        return Math.round(maxCueSeconds * 1000);
    }

    private static void requireRange(String name, int value, int min, int max, String example) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(name + " must be between " + min + " and " + max + ", got " + value
                    + "; use e.g. " + example);
        }
    }
}
