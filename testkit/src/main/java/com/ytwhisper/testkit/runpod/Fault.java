package com.ytwhisper.testkit.runpod;

/**
 * A misbehaviour the emulator shows for one request instead of its normal answer.
 * Faults are queued per route and each is used up by one request.
 */
public sealed interface Fault {

    /** Answers with this status code and body. */
    static Fault status(int code) {
        return new Status(code, null, "", null);
    }

    /** Answers with this status code, content type and body (e.g. a 200 that is not JSON). */
    static Fault answer(int code, String contentType, String body) {
        return new Status(code, contentType, body, null);
    }

    /** Answers 429 with a {@code Retry-After} header. */
    static Fault throttle(int retryAfterSeconds) {
        return new Status(429, null, "", String.valueOf(retryAfterSeconds));
    }

    /** Holds the request open for this long, then answers as normal (or not at all when closed). */
    static Fault hang(long millis) {
        return new Hang(millis);
    }

    /** Closes the connection without an answer. */
    static Fault drop() {
        return new Drop();
    }

    record Status(int code, String contentType, String body, String retryAfter) implements Fault {
    }

    record Hang(long millis) implements Fault {
    }

    record Drop() implements Fault {
    }
}
