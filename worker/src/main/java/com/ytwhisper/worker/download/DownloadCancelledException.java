package com.ytwhisper.worker.download;

/** The download or conversion was cancelled; its processes have been ended. */
public final class DownloadCancelledException extends DownloadException {

    public DownloadCancelledException() {
        super("the download was cancelled");
    }
}
