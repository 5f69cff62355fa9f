package com.ytwhisper.worker.subtitles;

import java.util.List;

/** SubRip: cues numbered from 1, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm}, a blank line between cues. */
public final class SrtWriter {

    private SrtWriter() {
    }

    public static String write(List<Cue> cues) {
        StringBuilder srt = new StringBuilder(cues.size() * 64);
        int number = 1;
        for (Cue cue : cues) {
            if (number > 1) {
                srt.append('\n');
            }
            srt.append(number++).append('\n')
                    .append(Timecode.format(cue.startMs(), ',')).append(" --> ")
                    .append(Timecode.format(cue.endMs(), ',')).append('\n');
            for (String line : cue.lines()) {
                // a player would take a line holding "-->" for a timing line
                srt.append(line.replace("-->", "→")).append('\n');
            }
        }
        return srt.toString();
    }
}
