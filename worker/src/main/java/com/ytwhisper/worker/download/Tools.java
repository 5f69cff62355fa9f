package com.ytwhisper.worker.download;

/**
 * The external programs, each a name on PATH or a path.
 *
 * @param ytdlp   {@code WORKER_YTDLP}
 * @param ffmpeg  {@code WORKER_FFMPEG}
 * @param ffprobe {@code WORKER_FFPROBE}
 */
public record Tools(String ytdlp, String ffmpeg, String ffprobe) {

    /** The programs as found on PATH. */
    public static Tools onPath() {
        return new Tools("yt-dlp", "ffmpeg", "ffprobe");
    }
}
