package com.ytwhisper.client.runpod;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Answer of {@code /stream/{id}}: the job's state and the partial outputs the worker streamed since
 * the last read, each as {@code {"output": ...}} (the worker sends {@code {"start", "end", "text"}}
 * cues). Runpod hands each item out once.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamResponse(String status, List<Item> stream) {

    /** One streamed partial output. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(JsonNode output) {
    }

    public List<Item> items() {
        return stream == null ? List.of() : stream;
    }
}
