package com.ytwhisper.client.runpod;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Answer of {@code /run}, {@code /cancel} and {@code /retry}: the Runpod job id and its state. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RunResponse(String id, String status) {
}
