package com.ytwhisper.worker.download;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The hardened yt-dlp command line (local-test-facts.md): no config files, one item only, a fixed
 * output name in the job folder, audio only, 16 kHz mono WAV, limits, all traffic through the
 * egress guard, and {@code --} before the URL so no job value becomes an option.
 */
final class YtDlpCommand {

    /** Marks yt-dlp's progress lines on stdout: downloaded, total, estimate, fragment index and count. */
    static final String PROGRESS_MARK = "ytw-progress";
    /** yt-dlp writes the final file's path here, inside the job folder. */
    static final String SAVED_PATH_FILE = "saved-path.txt";

    // audio-only first; only HTTP(S) and HLS, which go through the proxy (rtmp/rtsp/mms would not)
    private static final String FORMAT = "ba[protocol^=http]/ba[protocol^=m3u8]/b[protocol^=http]/b[protocol^=m3u8]";

    private final String ytdlp;
    private final String ffmpeg;
    private final DownloadLimits limits;
    private final Duration socketTimeout;

    /**
     * @param ffmpeg        {@code WORKER_FFMPEG}; passed as {@code --ffmpeg-location} when it is a path
     * @param socketTimeout yt-dlp's {@code --socket-timeout}
     */
    YtDlpCommand(String ytdlp, String ffmpeg, DownloadLimits limits, Duration socketTimeout) {
        this.ytdlp = ytdlp;
        this.ffmpeg = ffmpeg;
        this.limits = limits;
        this.socketTimeout = socketTimeout;
    }

    /** The metadata probe ({@code yt-dlp -J}) writes the video's info JSON here, inside the job folder. */
    static final String INFO_JSON_FILE = "probe.info.json";

    /**
     * @param cookies cookies.txt to send, or null
     */
    List<String> build(String url, Path jobDir, String proxyUrl, Path cookies) {
        return build(url, jobDir, proxyUrl, cookies, null);
    }

    /**
     * @param cookies  cookies.txt to send, or null
     * @param infoJson the info JSON of an earlier {@link #probe} of {@code url}, or null: given, yt-dlp
     *                 downloads from it ({@code --load-info-json}) instead of extracting the page again
     */
    List<String> build(String url, Path jobDir, String proxyUrl, Path cookies, Path infoJson) {
        List<String> c = new ArrayList<>(List.of(ytdlp,
                "--ignore-config", "--no-playlist", "-I", "1",
                "--progress", "--newline", "--progress-template",
                "download:" + PROGRESS_MARK + " %(progress.downloaded_bytes)s %(progress.total_bytes)s"
                        + " %(progress.total_bytes_estimate)s %(progress.fragment_index)s %(progress.fragment_count)s",
                "--restrict-filenames", "-P", jobDir.toAbsolutePath().toString(), "-o", "media.%(ext)s",
                "-f", FORMAT,
                // HLS fetched by yt-dlp itself, through the guard; the confined yt-dlp lets ffmpeg read local files only
                "--downloader", "m3u8:native",
                "-x", "--audio-format", "wav",
                "--postprocessor-args", "ExtractAudio:-ar 16000 -ac 1 -t " + limits.ffmpegCap(),
                "--postprocessor-args", "ExtractAudio+ffmpeg_i:-protocol_whitelist file,pipe",
                "--match-filters", String.format(Locale.ROOT, "!is_live & duration <=? %.3f", limits.maxSeconds()),
                "--max-filesize", String.valueOf(limits.maxBytes()),
                "--socket-timeout", String.valueOf(Math.max(1, socketTimeout.toSeconds())),
                "--proxy", proxyUrl,
                "--print-to-file", "after_move:filepath", SAVED_PATH_FILE,
                "--no-simulate"));
        if (ffmpeg.contains("/")) {
            c.addAll(List.of("--ffmpeg-location", ffmpeg));
        }
        if (cookies != null) {
            c.addAll(List.of("--cookies", cookies.toAbsolutePath().toString()));
        }
        if (infoJson != null) {
            c.addAll(List.of("--load-info-json", infoJson.toAbsolutePath().toString()));
            return List.copyOf(c);
        }
        c.add("--");
        c.add(url);
        return List.copyOf(c);
    }

    /**
     * The metadata probe: {@code -J} prints the video's info JSON (extractor, id, formats) on stdout
     * without downloading media; the same guard, cookies and no-config rules as {@link #build}.
     */
    List<String> probe(String url, String proxyUrl, Path cookies) {
        List<String> c = new ArrayList<>(List.of(ytdlp,
                "--ignore-config", "--no-playlist", "-I", "1", "-J",
                "--socket-timeout", String.valueOf(Math.max(1, socketTimeout.toSeconds())),
                "--proxy", proxyUrl));
        if (cookies != null) {
            c.addAll(List.of("--cookies", cookies.toAbsolutePath().toString()));
        }
        c.add("--");
        c.add(url);
        return List.copyOf(c);
    }
}
