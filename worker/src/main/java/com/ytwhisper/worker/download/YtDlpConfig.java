package com.ytwhisper.worker.download;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** yt-dlp's secrets and network route ({@code YTDLP_*}); never logged. */
@ConfigMapping(prefix = "ytdlp")
public interface YtDlpConfig {

    /** cookies.txt of a signed-in account, as a file path or base64 content ({@code YTDLP_COOKIES}). */
    Optional<String> cookies();

    /** HTTP proxy all downloads go through, {@code http://[user:pass@]host:port} ({@code YTDLP_PROXY}). */
    Optional<String> proxy();
}
