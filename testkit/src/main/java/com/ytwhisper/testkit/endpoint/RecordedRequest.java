package com.ytwhisper.testkit.endpoint;

import java.time.Instant;

/** One request as the emulator received it, for assertions. */
public record RecordedRequest(Instant at, String method, String path, EndpointRoute route, String authorization,
        String userAgent, String body) {
}
