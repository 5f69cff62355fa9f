package com.ytwhisper.worker.download;

import java.time.Duration;

/** A running download or conversion that ends in a 16 kHz mono WAV. */
public final class AudioTask extends RunningTool<DownloadedAudio> {

    AudioTask(Process process, Duration timeout, DownloadException onTimeout, Finisher<DownloadedAudio> finisher,
              Runnable cleanup) {
        super(process, timeout, onTimeout, finisher, cleanup);
    }
}
