package com.ytwhisper.client.jobs;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/** The worker's progress while IN_PROGRESS: a stage name and a percentage when known. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(String stage, Integer percent) {

    /** Reads {@code {"stage": ..., "percent": ...}}; null when the output has no stage. */
    static Progress from(JsonNode output) {
        if (output == null || !output.isObject() || !output.hasNonNull("stage")) {
            return null;
        }
        JsonNode percent = output.get("percent");
        return new Progress(output.get("stage").asText(),
                percent != null && percent.isNumber() ? Math.max(0, Math.min(100, percent.asInt())) : null);
    }

    @Override
    public String toString() {
        return percent == null ? stage : stage + " " + percent + "%";
    }
}
