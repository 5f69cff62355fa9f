package com.ytwhisper.worker.download;

import java.nio.file.Path;
import java.time.Duration;

/** A running {@code yt-dlp -J} that ends in the video's info JSON file. */
public final class MetadataProbe extends RunningTool<Path> {

    MetadataProbe(Process process, Duration timeout, DownloadException onTimeout, Finisher<Path> finisher,
                  Runnable cleanup) {
        super(process, timeout, onTimeout, finisher, cleanup);
    }
}
