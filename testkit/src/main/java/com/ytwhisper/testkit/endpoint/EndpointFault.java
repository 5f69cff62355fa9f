package com.ytwhisper.testkit.endpoint;

import java.time.Duration;

/**
 * A failure the emulator applies to the next request of a route. {@link #status} faults answer
 * before the request is handled (nothing happens, e.g. no job is created); {@link #hang} and
 * {@link #drop} faults first handle the request (the job exists) and then withhold the answer,
 * like a read timeout or a connection cut after the server acted.
 */
public record EndpointFault(Type type, int httpStatus, Duration retryAfter, Duration hang) {

    public enum Type { STATUS, HANG, DROP }

    /** Answer {@code httpStatus} with a small JSON error body. */
    public static EndpointFault status(int httpStatus) {
        return new EndpointFault(Type.STATUS, httpStatus, null, null);
    }

    /** 429 with a {@code Retry-After} of whole seconds. */
    public static EndpointFault tooManyRequests(Duration retryAfter) {
        return new EndpointFault(Type.STATUS, 429, retryAfter, null);
    }

    /** Handle the request, then send nothing for {@code duration} (or until the emulator closes). */
    public static EndpointFault hang(Duration duration) {
        return new EndpointFault(Type.HANG, 0, null, duration);
    }

    /** Handle the request, then close the connection without an answer. */
    public static EndpointFault drop() {
        return new EndpointFault(Type.DROP, 0, null, null);
    }
}
