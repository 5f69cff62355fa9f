package com.ytwhisper.client.runpod;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** Answer of {@code /purge-queue}: how many queued jobs were removed. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record PurgeResponse(Long removed, String status) {
}
