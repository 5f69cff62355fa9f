package com.ytwhisper.worker.download;

import java.util.OptionalInt;

/** Reads the percent done from a progress line of {@link YtDlpCommand}'s template. */
final class YtDlpProgress {

    private YtDlpProgress() {
    }

    /** 0-100 from bytes (exact total, else estimate), else from fragments; empty for other lines. */
    static OptionalInt percent(String line) {
        if (!line.startsWith(YtDlpCommand.PROGRESS_MARK + " ")) {
            return OptionalInt.empty();
        }
        String[] f = line.substring(YtDlpCommand.PROGRESS_MARK.length() + 1).split(" ");
        if (f.length < 5) {
            return OptionalInt.empty();
        }
        double done = number(f[0]);
        double total = number(f[1]) > 0 ? number(f[1]) : number(f[2]);
        if (done >= 0 && total > 0) {
            return OptionalInt.of(clamp(done / total));
        }
        double fragment = number(f[3]);
        double fragments = number(f[4]);
        return fragment >= 0 && fragments > 0 ? OptionalInt.of(clamp(fragment / fragments)) : OptionalInt.empty();
    }

    private static int clamp(double fraction) {
        return (int) Math.max(0, Math.min(100, Math.floor(fraction * 100)));
    }

    private static double number(String text) {
        try {
            return Double.parseDouble(text);
        } catch (NumberFormatException e) {
            return -1; // "NA" when yt-dlp does not know
        }
    }
}
