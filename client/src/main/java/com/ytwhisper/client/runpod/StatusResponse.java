package com.ytwhisper.client.runpod;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answer of {@code /status/{id}}. {@code output} is the worker's result once COMPLETED and its
 * latest progress while IN_PROGRESS; {@code error} is usually a string, sometimes JSON text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StatusResponse(String id, String status, Long delayTime, Long executionTime, JsonNode output,
        JsonNode error) {

    /** The error as text; a JSON-encoded error object contributes its {@code error_message}. */
    public String errorText() {
        if (error == null || error.isNull()) {
            return null;
        }
        String text = error.isTextual() ? error.asText() : error.toString();
        JsonNode parsed = RunpodJson.readTreeOrNull(text);
        if (parsed != null && parsed.hasNonNull("error_message")) {
            return parsed.get("error_message").asText();
        }
        return text;
    }
}
