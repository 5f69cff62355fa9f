package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One job as the platform hands it over.
 *
 * @param id    the platform's job id (opaque)
 * @param input the client's {@code input}, unchanged; may be any JSON value
 */
public record Job(String id, JsonNode input) {
}
