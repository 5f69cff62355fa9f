package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code /run} and {@code /runsync} (reference §3.3): {@code {"input": ..., "policy"?: {...}}}.
 *
 * @param input  handed to the job handler unchanged
 * @param policy the job's timeouts, defaults filled in
 */
public record JobRequest(JsonNode input, JobPolicy policy) {

    private static final String SHAPE = "send {\"input\": {...}} with Content-Type: application/json";

    /** Parses a request body; throws a 400 {@link LocalApiException} that says what is wrong. */
    static JobRequest parse(String body, ObjectMapper json, JobPolicy defaults) {
        if (body == null || body.isBlank()) {
            throw new LocalApiException(400, "the request has no body: " + SHAPE);
        }
        JsonNode request;
        try {
            request = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw new LocalApiException(400, "the request body is not JSON (" + e.getOriginalMessage() + "): " + SHAPE);
        }
        if (!request.isObject()) {
            throw new LocalApiException(400, "the request body must be a JSON object: " + SHAPE);
        }
        if (request.has("webhook") || request.has("webhookV2")) {
            throw new LocalApiException(400, "webhooks are not supported by the local API: "
                    + "poll GET /status/{job id} instead");
        }
        List<String> unknown = new ArrayList<>();
        request.fieldNames().forEachRemaining(name -> {
            if (!name.equals("input") && !name.equals("policy")) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new LocalApiException(400, "unknown field(s) " + unknown + ": the local API takes input and policy");
        }
        JsonNode input = request.get("input");
        if (input == null || input.isNull()) {
            throw new LocalApiException(400, "the request has no input: " + SHAPE);
        }
        return new JobRequest(input, JobPolicy.read(request.get("policy"), defaults));
    }
}
