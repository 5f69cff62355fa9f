package com.ytwhisper.worker.subtitles;

import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;

/** Plain text: one line per segment, spaces collapsed, no times. */
public final class TxtWriter {

    private TxtWriter() {
    }

    public static String write(Transcript transcript) {
        StringBuilder txt = new StringBuilder();
        for (Segment segment : transcript.segments()) {
            String line = SegmentText.text(segment).strip().replaceAll("\\s+", " ");
            if (!line.isEmpty()) {
                txt.append(line).append('\n');
            }
        }
        return txt.toString();
    }
}
