package com.ytwhisper.testkit.endpoint;

/** The endpoint API operations the emulator serves under {@code /v2/{endpoint}/}. */
public enum EndpointRoute {
    RUN, RUNSYNC, STATUS, STREAM, CANCEL, RETRY, HEALTH, PURGE_QUEUE;

    static EndpointRoute of(String method, String operation) {
        return switch (method + " " + operation) {
            case "POST run" -> RUN;
            case "POST runsync" -> RUNSYNC;
            case "GET status", "POST status" -> STATUS;
            case "GET stream", "POST stream" -> STREAM;
            case "POST cancel" -> CANCEL;
            case "POST retry" -> RETRY;
            case "GET health" -> HEALTH;
            case "POST purge-queue" -> PURGE_QUEUE;
            default -> null;
        };
    }
}
