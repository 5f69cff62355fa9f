package com.ytwhisper.client.runpod;

import java.time.Duration;
import java.util.Optional;

/**
 * A Runpod API call that did not give a usable answer. The {@link Kind} says what the caller may
 * conclude: whether the request surely never arrived (safe to send again even for {@code /run})
 * or whether its outcome is unknown. Messages never carry the API key.
 */
public class RunpodCallException extends RuntimeException {

    /** What went wrong, from the caller's point of view. */
    public enum Kind {
        /** Connection could not be made: the request surely did not arrive. */
        UNREACHABLE,
        /** Sent, but no answer came (read timeout, dropped connection): the outcome is unknown. */
        NO_ANSWER,
        /** 429 or 503: the request was refused and may be sent again, after Retry-After. */
        REFUSED,
        /** Another 5xx: the request arrived and failed; whether it took effect is unknown. */
        SERVER_ERROR,
        /** 401 or 403: the API key was rejected. */
        KEY_REJECTED,
        /** 404: unknown endpoint, or a job that expired. */
        NOT_FOUND,
        /** Another 4xx: the request itself was wrong. */
        REJECTED;

        /** True when the endpoint could not be reached or answered with an outage (exit code 4). */
        public boolean isOutage() {
            return this == UNREACHABLE || this == NO_ANSWER || this == REFUSED || this == SERVER_ERROR;
        }
    }

    private final Kind kind;
    private final int httpStatus;
    private final Duration retryAfter;
    private final String body;

    /** Creates the exception; outages get the {@link RunpodOutageException} subclass. */
    public static RunpodCallException of(Kind kind, int httpStatus, Duration retryAfter, String body, String message,
            Throwable cause) {
        return kind.isOutage()
                ? new RunpodOutageException(kind, httpStatus, retryAfter, body, message, cause)
                : new RunpodCallException(kind, httpStatus, retryAfter, body, message, cause);
    }

    RunpodCallException(Kind kind, int httpStatus, Duration retryAfter, String body, String message,
            Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.httpStatus = httpStatus;
        this.retryAfter = retryAfter;
        this.body = body;
    }

    public Kind kind() {
        return kind;
    }

    /** The HTTP status, or 0 when no response came. */
    public int httpStatus() {
        return httpStatus;
    }

    /** The server's Retry-After, when it sent one. */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** The raw response body, or null when no response came. */
    public String body() {
        return body;
    }
}
