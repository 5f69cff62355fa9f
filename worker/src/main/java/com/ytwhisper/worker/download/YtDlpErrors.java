package com.ytwhisper.worker.download;

import com.ytwhisper.worker.egress.SafeUrl;
import com.ytwhisper.worker.egress.PrivateAllowance;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns what yt-dlp printed into one clear sentence with the fix. YouTube's bot check and
 * private, age-gated, geo-blocked or removed videos are the common real failures.
 */
final class YtDlpErrors {

    private static final String COOKIES = "YTDLP_COOKIES (cookies.txt of a signed-in account, as a path or base64)";
    private static final Pattern HTTP_STATUS = Pattern.compile("HTTP Error (\\d{3})");

    private record Rule(String[] needles, String explanation) {
    }

    private static final List<Rule> RULES = List.of(
            rule("YouTube asks to confirm this is not a bot; set " + COOKIES + ", route the worker through "
                    + "another network with YTDLP_PROXY, or pass the media directly as audio_url",
                    "not a bot", "confirm you\u2019re not", "confirm you're not"),
            rule("the video is private; set " + COOKIES + " of an account that may see it, or pass the media as audio_url",
                    "private video", "this video is private"),
            rule("the video is age-restricted; set " + COOKIES + " of an adult account, or pass the media as audio_url",
                    "confirm your age", "age-restricted", "age restricted", "inappropriate for some users"),
            rule("the video is for channel members only; set " + COOKIES + " of a member's account, or pass the media as audio_url",
                    "members-only", "join this channel"),
            rule("the video is blocked in the worker's country; set YTDLP_PROXY to a proxy in a country where it "
                    + "is available, or pass the media as audio_url",
                    "available in your country", "geo restriction", "geo-restrict", "not available from your location"),
            rule("the video is not available (removed, deleted or never published); check the URL",
                    "has been removed", "account associated with this video has been terminated", "video unavailable",
                    "this video is unavailable", "no longer available", "video is not available"),
            rule("the video is a live stream or premiere that has not ended; submit it again once it has finished",
                    "premieres in", "live event will begin", "this live event"),
            rule("the site is rate-limiting the worker (HTTP 429); retry later, set YTDLP_PROXY or " + COOKIES,
                    "http error 429", "too many requests"),
            rule("yt-dlp does not support this URL; give the address of a video page, or a direct media link as audio_url",
                    "unsupported url"),
            rule("no downloadable audio or video was found at this address; give a video page or a direct media link",
                    "requested format is not available", "no video formats found", "no media found"),
            rule("yt-dlp could not read this page, which usually means the installed yt-dlp is too old for the site; "
                    + "install a current yt-dlp (WORKER_YTDLP) or pass the media as audio_url",
                    "unable to extract", "nsig extraction failed", "signature extraction failed"),
            rule("the downloaded file holds no audio that could be read; give a video page or a direct media link",
                    "unable to obtain file audio codec", "invalid data found when processing input"),
            rule("ffmpeg is missing; install ffmpeg or set WORKER_FFMPEG and WORKER_FFPROBE",
                    "ffprobe and ffmpeg not found", "ffmpeg not found"),
            rule("the address is not a valid URL; give the full web address of the video",
                    "is not a valid url"));

    private YtDlpErrors() {
    }

    private static Rule rule(String explanation, String... needles) {
        return new Rule(needles, explanation);
    }

    /**
     * The download was led to a destination outside the guard (another protocol, a name lookup, a
     * program), which the confined yt-dlp refused.
     *
     * @param what what was refused, e.g. {@code ftp://127.0.0.1:2121}
     */
    static DownloadException ledAway(String field, String what) {
        return new DownloadException("could not download " + field + ": the download led to " + SafeUrl.scrub(shorten(what))
                + ", which jobs may not reach; give a URL whose media is served over http or https from a public address");
    }

    /**
     * @param field      the job field that held the URL, e.g. {@code youtube_url}
     * @param lines      what yt-dlp printed (stderr and stdout)
     * @param refusals   destinations the egress guard refused
     * @param failures   allowed destinations it could not reach
     */
    static DownloadException explain(String field, List<String> lines, List<String> refusals, List<String> failures) {
        if (!refusals.isEmpty()) {
            return new DownloadException("could not download " + field + ": the download was led to a destination jobs may not reach ("
                    + refusals.get(0) + "); give a URL whose media is on a public address, or for local testing allow it with "
                    + PrivateAllowance.SETTING);
        }
        String errors = String.join("\n", lines.stream().filter(l -> l.startsWith("ERROR:")).toList());
        String text = (errors.isEmpty() ? String.join("\n", lines) : errors).toLowerCase(Locale.ROOT);
        for (Rule rule : RULES) {
            for (String needle : rule.needles()) {
                if (text.contains(needle)) {
                    return new DownloadException("could not download " + field + ": " + rule.explanation());
                }
            }
        }
        Matcher status = HTTP_STATUS.matcher(errors);
        if (status.find()) {
            String code = status.group(1);
            return new DownloadException("could not download " + field + ": the server answered HTTP " + code
                    + (code.equals("404") ? " (not found); check the URL" : code.equals("403")
                    ? " (forbidden); the media may need YTDLP_COOKIES or YTDLP_PROXY, or pass it as audio_url"
                    : "; check the URL or retry later"));
        }
        if (!failures.isEmpty()) {
            return new DownloadException("could not download " + field + ": " + failures.get(0)
                    + "; check the URL and the worker's network, or set YTDLP_PROXY");
        }
        String last = errors.isEmpty() ? (lines.isEmpty() ? "no output" : lines.get(lines.size() - 1)) : firstLine(errors);
        return new DownloadException("could not download " + field + ": yt-dlp failed (" + SafeUrl.scrub(shorten(last))
                + "); check the URL, or pass the media as audio_url");
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return nl < 0 ? text : text.substring(0, nl);
    }

    private static String shorten(String text) {
        String t = text.replaceFirst("^ERROR:\\s*", "");
        return t.length() > 300 ? t.substring(0, 300) + "..." : t;
    }
}
