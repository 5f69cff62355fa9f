package com.ytwhisper.bench;

import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import java.nio.charset.StandardCharsets;

/**
 * The baseline subtitle writer: one cue per segment, as the official faster-whisper worker writes
 * SRT (no line breaking, no length or duration limits, word times unused).
 */
final class NaiveSrt {

    private NaiveSrt() {
    }

    static byte[] render(Transcript transcript) {
        StringBuilder out = new StringBuilder();
        int index = 1;
        for (Segment s : transcript.segments()) {
            out.append(index++).append('\n').append(time(s.start())).append(" --> ").append(time(s.end())).append('\n')
                    .append(s.text().strip()).append("\n\n");
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String time(double seconds) {
        long ms = Math.round(seconds * 1000);
        return String.format("%02d:%02d:%02d,%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }
}
