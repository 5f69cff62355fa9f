package com.ytwhisper.testkit.runpod;

/**
 * A misbehaviour the emulator shows for one request instead of its normal answer.
 * Faults are queued per route and each is used up by one request.
 */
public sealed interface WorkerFault {

    /** Answers with this status code and body. */
    static WorkerFault status(int code) {
        return new Status(code, null, "", null);
    }

    /** Answers with this status code, content type and body (e.g. a 200 that is not JSON). */
    static WorkerFault answer(int code, String contentType, String body) {
        return new Status(code, contentType, body, null);
    }

    /** Answers 429 with a {@code Retry-After} header. */
    static WorkerFault throttle(int retryAfterSeconds) {
        return new Status(429, null, "", String.valueOf(retryAfterSeconds));
    }

    /** Holds the request open for this long, then answers as normal (or not at all when closed). */
    static WorkerFault hang(long millis) {
        return new Hang(millis);
    }

    /** Closes the connection without an answer. */
    static WorkerFault drop() {
        return new Drop();
    }

    record Status(int code, String contentType, String body, String retryAfter) implements WorkerFault {
    }

    record Hang(long millis) implements WorkerFault {
    }

    record Drop() implements WorkerFault {
    }
}
