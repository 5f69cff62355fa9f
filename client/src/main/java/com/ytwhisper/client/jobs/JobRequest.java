package com.ytwhisper.client.jobs;

import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import com.ytwhisper.client.runpod.RunRequest;
import com.ytwhisper.client.runpod.RunpodJson;

/**
 * One job to submit: the worker's input fields plus the Runpod policy. Null fields are left out,
 * so the worker's own defaults apply.
 *
 * @param url the video URL ({@code youtube_url})
 * @param requestId names the output object; null means "use the job id"
 * @param credentials S3 credentials to put into the job input ({@code --pass-credentials}), or null
 * @param executionTimeout Runpod {@code policy.executionTimeout}
 * @param ttl Runpod {@code policy.ttl}; null keeps Runpod's 24 h
 */
public record JobRequest(String url, String requestId, String s3Bucket, String s3KeyPrefix, String language,
        String task, List<String> formats, Credentials credentials, String webhook, Duration executionTimeout,
        Duration ttl) {

    /** S3 access for the worker, sent only when asked for. */
    public record Credentials(String accessKey, String secretKey, String endpointUrl) {
        @Override
        public String toString() {
            return "Credentials[" + (endpointUrl == null ? "default endpoint" : endpointUrl) + "]";
        }
    }

    /**
     * The {@code /run} body for a job whose request id is {@code requestId}; {@code audioUrl} (from
     * {@code --local-download}) replaces the video URL: the worker takes one or the other, never both.
     */
    RunRequest toRunRequest(String effectiveRequestId, String audioUrl) {
        ObjectNode input = RunpodJson.MAPPER.createObjectNode();
        if (audioUrl != null && !audioUrl.isBlank()) {
            input.put("audio_url", audioUrl);
        } else {
            input.put("youtube_url", url);
        }
        input.put("request_id", effectiveRequestId);
        putIfSet(input, "s3_bucket", s3Bucket);
        putIfSet(input, "s3_key_prefix", s3KeyPrefix);
        putIfSet(input, "language", language);
        putIfSet(input, "task", task);
        if (formats != null && !formats.isEmpty()) {
            ArrayNode list = input.putArray("formats");
            formats.forEach(list::add);
        }
        if (credentials != null) {
            putIfSet(input, "aws_access_key", credentials.accessKey());
            putIfSet(input, "aws_secret_key", credentials.secretKey());
            putIfSet(input, "s3_endpoint_url", credentials.endpointUrl());
        }
        return new RunRequest(input, webhook, new RunRequest.Policy(millis(executionTimeout), millis(ttl)));
    }

    private static void putIfSet(ObjectNode node, String field, String value) {
        if (value != null && !value.isBlank()) {
            node.put(field, value);
        }
    }

    private static Long millis(Duration duration) {
        return duration == null ? null : duration.toMillis();
    }
}
