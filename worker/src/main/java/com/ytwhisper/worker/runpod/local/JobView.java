package com.ytwhisper.worker.runpod.local;

import io.quarkus.runtime.annotations.RegisterForReflection;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A job as {@code /status} shows it (docs/runpod-protocol.md §3.4); absent values are left out of
 * the JSON.
 *
 * @param delayTime     ms the job waited in the queue, once a worker picked it up
 * @param executionTime ms the handler ran, once the job is finished
 * @param output        the handler's output; while IN_PROGRESS, the latest {@code {"stage","percent"}}
 * @param error         why a FAILED or TIMED_OUT job failed
 * @param retries       how often the job was retried, when it was
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record JobView(String id, LocalJobState status, Long delayTime, Long executionTime, JsonNode output,
                      String error, String workerId, Integer retries) {
}
