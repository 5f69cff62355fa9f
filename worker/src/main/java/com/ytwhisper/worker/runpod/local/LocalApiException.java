package com.ytwhisper.worker.runpod.local;

/** A request the local API refuses; answered as {@code {"error": message}} with {@code status}. */
public final class LocalApiException extends RuntimeException {

    private final int status;

    public LocalApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }

    static LocalApiException notFound(String jobId) {
        return new LocalApiException(404, "job " + jobId + " not found (expired or never submitted)");
    }
}
