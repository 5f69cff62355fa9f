package com.ytwhisper.worker.download;

/** A download or conversion that failed; the message is one sentence naming the cause and the fix. */
public class DownloadException extends RuntimeException {

    public DownloadException(String message) {
        super(message);
    }
}
