package com.ytwhisper.worker.runpod.local;

/** A request the local API refuses; answered as {@code {"error": message}} with {@code status}. */
public final class LocalApiException extends RuntimeException {

    private final int status;
    private final Integer retryAfterSeconds;

    public LocalApiException(int status, String message) {
        this(status, message, null);
    }

    /** @param retryAfterSeconds sent as {@code Retry-After} (with 429 and 503), or null */
    public LocalApiException(int status, String message, Integer retryAfterSeconds) {
        super(message);
        this.status = status;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public Integer retryAfterSeconds() {
        return retryAfterSeconds;
    }

    static LocalApiException notFound(String jobId) {
        return new LocalApiException(404, "job " + jobId + " not found (expired or never submitted)");
    }
}
