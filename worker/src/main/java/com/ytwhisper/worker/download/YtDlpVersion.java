package com.ytwhisper.worker.download;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * yt-dlp's date-based version ({@code 2023.03.04}, {@code 2023.07.06.1}), and the start-up rule
 * that needs it: before 2023.07.06, yt-dlp sent cookies to whatever host a redirect led to
 * (CVE-2023-35934), so {@code YTDLP_COOKIES} is refused with such a yt-dlp.
 */
record YtDlpVersion(int year, int month, int day) implements Comparable<YtDlpVersion> {

    /** The first release that keeps cookies to their own host across redirects. */
    static final YtDlpVersion COOKIES_FIXED = new YtDlpVersion(2023, 7, 6);
    private static final Pattern DATE = Pattern.compile("^(\\d{4})\\.(\\d{1,2})\\.(\\d{1,2})\\b");

    /** @throws IllegalArgumentException when {@code text} does not start with a date version */
    static YtDlpVersion parse(String text) {
        Matcher m = DATE.matcher(text.strip());
        if (!m.find()) {
            throw new IllegalArgumentException("'" + text + "' is not a yt-dlp version");
        }
        return new YtDlpVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /**
     * Refuses {@code YTDLP_COOKIES} when the installed yt-dlp is older than {@link #COOKIES_FIXED}
     * or its version cannot be read.
     *
     * @throws IllegalArgumentException naming YTDLP_COOKIES, the version and the fix
     */
    static void requireSafeWithCookies(GuardedYtDlp ytdlp, String program) {
        String reported;
        try {
            reported = ytdlp.version();
        } catch (IOException e) {
            throw new IllegalArgumentException(Cookies.SETTING + " is set, but the version of yt-dlp (WORKER_YTDLP="
                    + program + ") could not be read (" + e.getMessage() + "); install yt-dlp " + COOKIES_FIXED
                    + " or newer, or unset " + Cookies.SETTING);
        }
        YtDlpVersion version;
        try {
            version = parse(reported);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(Cookies.SETTING + " is set, but yt-dlp (WORKER_YTDLP=" + program
                    + ") reports no date version; install yt-dlp " + COOKIES_FIXED + " or newer, or unset "
                    + Cookies.SETTING);
        }
        if (version.compareTo(COOKIES_FIXED) < 0) {
            throw new IllegalArgumentException(Cookies.SETTING + " is set, but yt-dlp " + version + " (WORKER_YTDLP="
                    + program + ") sends cookies to other hosts after a redirect (CVE-2023-35934, fixed in "
                    + COOKIES_FIXED + "); install yt-dlp " + COOKIES_FIXED + " or newer (the zipapp from yt-dlp's "
                    + "releases, or pip), or unset " + Cookies.SETTING);
        }
    }

    @Override
    public int compareTo(YtDlpVersion other) {
        int c = Integer.compare(year, other.year);
        if (c == 0) {
            c = Integer.compare(month, other.month);
        }
        return c != 0 ? c : Integer.compare(day, other.day);
    }

    @Override
    public String toString() {
        return String.format("%04d.%02d.%02d", year, month, day);
    }
}
