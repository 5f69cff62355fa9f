package com.ytwhisper.testkit.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * One request as the emulator saw it.
 *
 * @param route     which route it hit
 * @param podId     the worker id in the path
 * @param jobId     the job id in the path (job-done, job-stream), else null
 * @param query     decoded query parameters (last value wins)
 * @param headers   request headers, names lower-cased, first value
 * @param body      parsed JSON body, or null
 * @param faulted   true when a {@link WorkerFault} answered it instead of the normal logic
 * @param atMillis  when it arrived, {@link System#currentTimeMillis()}
 */
public record SeenRequest(WorkerRoute route, String podId, String jobId, Map<String, String> query,
                          Map<String, String> headers, JsonNode body, boolean faulted, long atMillis) {

    /** True for a job-done post that carries a progress update rather than a final result. */
    public boolean isProgress() {
        return body != null && "IN_PROGRESS".equals(body.path("status").asText(null));
    }
}
