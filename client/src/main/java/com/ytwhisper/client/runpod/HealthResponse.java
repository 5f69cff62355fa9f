package com.ytwhisper.client.runpod;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Answer of {@code /health}: job counters (completed, failed, inProgress, ...) and worker counters. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HealthResponse(Map<String, Long> jobs, Map<String, Long> workers) {
}
