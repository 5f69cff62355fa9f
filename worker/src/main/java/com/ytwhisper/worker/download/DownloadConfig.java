package com.ytwhisper.worker.download;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Download settings ({@code WORKER_*}). */
@ConfigMapping(prefix = "worker")
public interface DownloadConfig {

    /** Longest audio accepted, seconds ({@code WORKER_MAX_DURATION_S}). */
    @WithDefault("14400")
    long maxDurationS();

    /** Most bytes one job may receive from the network, or one local input may have ({@code WORKER_MAX_DOWNLOAD_BYTES}). */
    @WithDefault("2147483648")
    long maxDownloadBytes();

    /** Longest a download plus conversion may take, seconds ({@code WORKER_DOWNLOAD_TIMEOUT_S}). */
    @WithDefault("3600")
    long downloadTimeoutS();

    /** yt-dlp binary, name on PATH or path ({@code WORKER_YTDLP}). */
    @WithDefault("yt-dlp")
    String ytdlp();

    /** ffmpeg binary ({@code WORKER_FFMPEG}). */
    @WithDefault("ffmpeg")
    String ffmpeg();

    /** ffprobe binary ({@code WORKER_FFPROBE}). */
    @WithDefault("ffprobe")
    String ffprobe();

    /** Egress guard: connect timeout to a destination, milliseconds ({@code WORKER_EGRESS_CONNECT_TIMEOUT_MS}). */
    @WithDefault("10000")
    long egressConnectTimeoutMs();

    /** Egress guard: a connection idle this long is closed; also yt-dlp's socket timeout ({@code WORKER_EGRESS_IDLE_TIMEOUT_MS}). */
    @WithDefault("60000")
    long egressIdleTimeoutMs();

    /** Egress guard: concurrent connections per job ({@code WORKER_EGRESS_MAX_CONNECTIONS}). */
    @WithDefault("32")
    int egressMaxConnections();

    /** This mapping, after checking the egress guard's limits: the one place they are checked. */
    default DownloadConfig checkedEgressLimits() {
        if (egressConnectTimeoutMs() <= 0 || egressIdleTimeoutMs() <= 0 || egressMaxConnections() < 1) {
            throw new IllegalArgumentException("WORKER_EGRESS_CONNECT_TIMEOUT_MS, WORKER_EGRESS_IDLE_TIMEOUT_MS "
                    + "and WORKER_EGRESS_MAX_CONNECTIONS must be positive");
        }
        return this;
    }
}
