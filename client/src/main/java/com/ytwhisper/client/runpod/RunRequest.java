package com.ytwhisper.client.runpod;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Body of {@code /run}: the worker's job input, an optional webhook and the job policy. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunRequest(ObjectNode input, String webhook, Policy policy) {

    /** {@code policy}: both values in milliseconds; null leaves the endpoint's setting. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Policy(Long executionTimeout, Long ttl) {
    }
}
