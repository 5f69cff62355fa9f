package com.ytwhisper.worker.subtitles;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads SRT back into cues, strictly: numbering from 1 without gaps, {@code HH:MM:SS,mmm --> HH:MM:SS,mmm},
 * at least one text line, a blank line between cues, no byte order mark. A test helper, so other tests
 * (the pipeline's, reading an SRT back from S3) can check what the worker wrote.
 */
public final class SrtParser {

    private static final Pattern TIMING =
            Pattern.compile("(\\d{2,}):([0-5]\\d):([0-5]\\d),(\\d{3}) --> (\\d{2,}):([0-5]\\d):([0-5]\\d),(\\d{3})");

    private SrtParser() {
    }

    public static List<Cue> parse(byte[] srt) {
        if (srt.length >= 3 && (srt[0] & 0xFF) == 0xEF && (srt[1] & 0xFF) == 0xBB && (srt[2] & 0xFF) == 0xBF) {
            throw new IllegalArgumentException("SRT starts with a UTF-8 byte order mark");
        }
        return parse(new String(srt, StandardCharsets.UTF_8));
    }

    public static List<Cue> parse(String srt) {
        List<Cue> cues = new ArrayList<>();
        if (srt.isEmpty()) {
            return cues;
        }
        if (!srt.endsWith("\n")) {
            throw new IllegalArgumentException("SRT does not end with a line feed");
        }
        String[] lines = srt.split("\r?\n", -1);
        int i = 0;
        int last = lines.length - 1; // the empty string after the final line feed
        while (i < last) {
            if (!cues.isEmpty()) {
                expect(lines[i].isEmpty(), i, "a blank line between cues", lines[i]);
                i++;
            }
            int number = cues.size() + 1;
            expect(i < last && lines[i].equals(Integer.toString(number)), i, "cue number " + number, line(lines, i));
            i++;
            Matcher timing = i < last ? TIMING.matcher(lines[i]) : null;
            expect(timing != null && timing.matches(), i, "a timing line", line(lines, i));
            i++;
            List<String> text = new ArrayList<>();
            while (i < last && !lines[i].isEmpty()) {
                text.add(lines[i++]);
            }
            expect(!text.isEmpty(), i, "at least one text line", line(lines, i));
            cues.add(new Cue(ms(timing, 1), ms(timing, 5), text));
        }
        return cues;
    }

    private static long ms(Matcher m, int group) {
        return Long.parseLong(m.group(group)) * 3_600_000 + Long.parseLong(m.group(group + 1)) * 60_000
                + Long.parseLong(m.group(group + 2)) * 1000 + Long.parseLong(m.group(group + 3));
    }

    private static String line(String[] lines, int i) {
        return i < lines.length - 1 ? lines[i] : "<end of file>";
    }

    private static void expect(boolean ok, int index, String what, String found) {
        if (!ok) {
            throw new IllegalArgumentException("SRT line " + (index + 1) + ": expected " + what + ", found \"" + found + "\"");
        }
    }
}
