package com.ytwhisper.worker.download;

import com.ytwhisper.worker.egress.SafeUrl;
import com.ytwhisper.worker.egress.PrivateAllowance;
import java.util.ArrayList;
import java.util.Collections;
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
    /** Python's urllib refuses a redirect to a scheme other than http, https or ftp with this text. */
    private static final Pattern REFUSED_REDIRECT = Pattern.compile(
            "(?i)redirection to url '([a-z][a-z0-9+.-]*):[^']*' is not allowed");
    /** yt-dlp's own networking layer (2023.11 and later) says this for a scheme it has no handler for. */
    private static final Pattern UNSUPPORTED_SCHEME = Pattern.compile("(?i)unsupported url scheme:? \"?([a-z][a-z0-9+.-]*)");

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
        return explain(field, 1, lines, refusals, failures);
    }

    /**
     * @param exitCode   yt-dlp's exit status, named when it printed no reason
     * @param lines      what yt-dlp printed (stderr and stdout); only this job's process wrote them
     * @param refusals   destinations the egress guard refused
     * @param failures   allowed destinations it could not reach ("could not connect to HOST:PORT: why")
     */
    static DownloadException explain(String field, int exitCode, List<String> lines, List<String> refusals,
                                     List<String> failures) {
        if (!refusals.isEmpty()) {
            return new DownloadException("could not download " + field + ": the download was led to a destination jobs may not reach ("
                    + refusals.get(0) + "); give a URL whose media is on a public address, or for local testing allow it with "
                    + PrivateAllowance.SETTING);
        }
        String errors = String.join("\n", lines.stream().filter(l -> l.startsWith("ERROR:")).toList());
        String text = (errors.isEmpty() ? String.join("\n", lines) : errors).toLowerCase(Locale.ROOT);
        String scheme = refusedScheme(errors.isEmpty() ? String.join("\n", lines) : errors);
        if (scheme != null) {
            return new DownloadException("could not download " + field + ": the server redirected to a " + scheme
                    + ": address, which downloads may not follow (only http and https); give the media's http(s) URL");
        }
        for (Rule rule : RULES) {
            for (String needle : rule.needles()) {
                if (text.contains(needle)) {
                    return new DownloadException("could not download " + field + ": " + rule.explanation());
                }
            }
        }
        Matcher status = HTTP_STATUS.matcher(errors);
        boolean found = status.find();
        String code = found ? status.group(1) : null;
        // the egress guard answers 502/504 itself when it cannot connect: the real cause is its failure
        if (!failures.isEmpty() && (code == null || code.equals("502") || code.equals("504"))) {
            return new DownloadException("could not download " + field + ": " + lowerReason(failures.get(0))
                    + "; check the URL and that the media host is up, or set YTDLP_PROXY");
        }
        if (found) {
            return new DownloadException("could not download " + field + ": the server answered HTTP " + code
                    + (code.equals("404") ? " (not found); check the URL" : code.equals("403")
                    ? " (forbidden); the media may need YTDLP_COOKIES or YTDLP_PROXY, or pass it as audio_url"
                    : "; check the URL or retry later"));
        }
        String cause = cause(errors, lines);
        if (cause.isEmpty()) {
            return new DownloadException("could not download " + field + ": yt-dlp exited with code " + exitCode
                    + " without saying why; check the URL, or pass the media as audio_url");
        }
        return new DownloadException("could not download " + field + ": yt-dlp failed (" + SafeUrl.scrub(shorten(cause))
                + "); check the URL, or pass the media as audio_url");
    }

    /** The scheme of a redirect yt-dlp refused to follow, or null. */
    private static String refusedScheme(String text) {
        for (Pattern pattern : List.of(REFUSED_REDIRECT, UNSUPPORTED_SCHEME)) {
            Matcher m = pattern.matcher(text);
            if (m.find()) {
                return m.group(1).toLowerCase(Locale.ROOT);
            }
        }
        return null;
    }

    /** "could not connect to h:1: Connection refused" reads "...: connection refused". */
    private static String lowerReason(String failure) {
        int colon = failure.lastIndexOf(": ");
        if (colon < 0 || colon + 2 >= failure.length()) {
            return failure;
        }
        String reason = failure.substring(colon + 2);
        return failure.substring(0, colon + 2) + reason.substring(0, 1).toLowerCase(Locale.ROOT) + reason.substring(1);
    }

    /** The first non-empty ERROR line, else the last non-empty line, without its "ERROR:" mark; "" if none. */
    private static String cause(String errors, List<String> lines) {
        List<String> candidates = new ArrayList<>(errors.isEmpty() ? lines : List.of(errors.split("\n")));
        if (errors.isEmpty()) {
            Collections.reverse(candidates);
        }
        for (String line : candidates) {
            String text = line.replaceFirst("^ERROR:\\s*", "").strip();
            if (!text.isEmpty()) {
                return text;
            }
        }
        return "";
    }

    private static String shorten(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "..." : text;
    }
}
