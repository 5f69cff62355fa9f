package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.egress.UrlRefusedException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code /run} and {@code /runsync} (docs/runpod-protocol.md §3.3):
 * {@code {"input": ..., "policy"?: {...}, "webhook"?: "url", "s3Config"?: {...}}}.
 *
 * @param input   handed to the job handler; {@code s3Config} already folded in (see {@link S3ConfigSpelling})
 * @param policy  the job's timeouts, defaults filled in
 * @param webhook where the final status is posted when the job ends, checked by the network guard; or null
 * @param size    the request's size in characters, what the queue's memory cap counts
 */
public record LocalJobRequest(JsonNode input, JobPolicy policy, URI webhook, long size) {

    private static final String SHAPE = "send {\"input\": {...}} with Content-Type: application/json";
    private static final List<String> FIELDS = List.of("input", "policy", "webhook", "s3Config");

    /** A request without webhook, sized by its input. */
    public LocalJobRequest(JsonNode input, JobPolicy policy) {
        this(input, policy, null, input == null ? 0 : input.toString().length());
    }

    /**
     * Parses a request body; throws a 400 {@link LocalApiException} that says what is wrong.
     *
     * @param urls the network guard's rules, which the {@code webhook} URL must pass as every job-supplied address
     */
    static LocalJobRequest parse(String body, ObjectMapper json, JobPolicy defaults, UrlPolicy urls) {
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
        if (request.has("webhookV2")) {
            throw new LocalApiException(400, "webhookV2 is not supported by the local API: use webhook");
        }
        List<String> unknown = new ArrayList<>();
        request.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new LocalApiException(400, "unknown field(s) " + unknown + ": the local API takes " + FIELDS);
        }
        JsonNode input = request.get("input");
        if (input == null || input.isNull()) {
            throw new LocalApiException(400, "the request has no input: " + SHAPE);
        }
        input = S3ConfigSpelling.fold(request.get("s3Config"), input);
        return new LocalJobRequest(input, JobPolicy.read(request.get("policy"), defaults), webhook(request.get("webhook"), urls),
                body.length());
    }

    private static URI webhook(JsonNode webhook, UrlPolicy urls) {
        if (webhook == null || webhook.isNull() || (webhook.isTextual() && webhook.asText().isEmpty())) {
            return null;
        }
        if (!webhook.isTextual()) {
            throw new LocalApiException(400, "webhook must be a URL string such as \"https://example.com/hook\"");
        }
        URI uri;
        try {
            uri = urls.checkHttpUrl("webhook", webhook.asText());
        } catch (UrlRefusedException e) {
            throw new LocalApiException(400, e.getMessage());
        }
        if (uri.getHost() == null) {
            throw new LocalApiException(400, "webhook needs a plain host name or IP address, such as "
                    + "https://example.com/hook");
        }
        return uri;
    }
}
