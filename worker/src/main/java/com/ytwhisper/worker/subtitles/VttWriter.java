package com.ytwhisper.worker.subtitles;

import java.util.List;

/** WebVTT: the {@code WEBVTT} header, then {@code HH:MM:SS.mmm --> HH:MM:SS.mmm} cues with escaped text. */
public final class VttWriter {

    private VttWriter() {
    }

    public static String write(List<Cue> cues) {
        StringBuilder vtt = new StringBuilder(cues.size() * 64).append("WEBVTT\n");
        for (Cue cue : cues) {
            vtt.append('\n')
                    .append(Timecode.format(cue.startMs(), '.')).append(" --> ")
                    .append(Timecode.format(cue.endMs(), '.')).append('\n');
            for (String line : cue.lines()) {
                vtt.append(escape(line)).append('\n');
            }
        }
        return vtt.toString();
    }

    /** Cue text is markup: {@code &} and {@code <} must be escaped, and {@code >} so no line holds "-->". */
    private static String escape(String line) {
        return line.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
