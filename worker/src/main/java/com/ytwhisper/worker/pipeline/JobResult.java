package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/** What a handler returns: a success with its output, or a failure with a message. */
public sealed interface JobResult {

    /** The output object; may be null. */
    JsonNode output();

    static JobResult success(JsonNode output) {
        return new Success(output);
    }

    static JobResult failure(String message, JsonNode output) {
        return new Failure(message, output);
    }

    record Success(JsonNode output) implements JobResult {
    }

    /** Sent as {@code {"error": message, "output": output}}, so the platform marks the job FAILED. */
    record Failure(String message, JsonNode output) implements JobResult {
        public Failure {
            if (message == null || message.isBlank()) {
                throw new IllegalArgumentException("a failure needs a message");
            }
        }
    }
}
