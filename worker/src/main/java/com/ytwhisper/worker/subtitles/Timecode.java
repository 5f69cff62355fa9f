package com.ytwhisper.worker.subtitles;

/** {@code HH:MM:SS,mmm} (SRT) or {@code HH:MM:SS.mmm} (WebVTT); hours grow past two digits when they must. */
final class Timecode {

    private Timecode() {
    }

    static String format(long ms, char millisSeparator) {
        long hours = ms / 3_600_000;
        long minutes = ms / 60_000 % 60;
        long seconds = ms / 1000 % 60;
        return String.format("%02d:%02d:%02d%c%03d", hours, minutes, seconds, millisSeparator, ms % 1000);
    }
}
