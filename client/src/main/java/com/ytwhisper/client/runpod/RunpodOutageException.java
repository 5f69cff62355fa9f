package com.ytwhisper.client.runpod;

import java.time.Duration;

/**
 * A call that met an outage (unreachable, no answer, 429/503, 5xx) rather than an answer such as
 * 404 or 401. Its own type lets a circuit breaker count outages only.
 */
public class RunpodOutageException extends RunpodCallException {

    RunpodOutageException(Kind kind, int httpStatus, Duration retryAfter, String body, String message,
            Throwable cause) {
        super(kind, httpStatus, retryAfter, body, message, cause);
    }
}
