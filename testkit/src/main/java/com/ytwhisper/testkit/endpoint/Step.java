package com.ytwhisper.testkit.endpoint;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One state of a scripted job as {@code /status} reports it: the Runpod state, the output (progress
 * while IN_PROGRESS, the result once COMPLETED) and the error string of a FAILED job. A step may
 * also carry partial outputs that {@code /stream} hands out once the job has reached it.
 */
public record Step(String status, JsonNode output, String error, List<JsonNode> partials) {

    public Step {
        partials = partials == null ? List.of() : List.copyOf(partials);
    }

    public Step(String status, JsonNode output, String error) {
        this(status, output, error, List.of());
    }

    /** This step, with {@code items} streamed (e.g. {@link #cue}s) once the job reaches it. */
    public Step streaming(JsonNode... items) {
        return new Step(status, output, error, List.of(items));
    }

    /** One transcript segment as the worker streams it: {@code {"start", "end", "text"}}. */
    public static JsonNode cue(double start, double end, String text) {
        return JSON.createObjectNode().put("start", start).put("end", end).put("text", text);
    }

    static final ObjectMapper JSON = new ObjectMapper();

    public static Step queued() {
        return new Step("IN_QUEUE", null, null);
    }

    /** IN_PROGRESS with the worker's progress output; {@code percent} may be null. */
    public static Step progress(String stage, Integer percent) {
        ObjectNode output = JSON.createObjectNode().put("stage", stage);
        if (percent == null) {
            output.putNull("percent");
        } else {
            output.put("percent", percent);
        }
        return new Step("IN_PROGRESS", output, null);
    }

    public static Step completed(JsonNode output) {
        return new Step("COMPLETED", output, null);
    }

    /** The worker's success output for {@code s3://bucket/prefix + requestId + .srt}. */
    public static Step done(String bucket, String prefix, String requestId) {
        String key = prefix + requestId + ".srt";
        return completed(JSON.createObjectNode().put("status", "done").put("request_id", requestId)
                .put("srt_path", "s3://" + bucket + "/" + key).put("srt_key", key).put("srt_bucket", bucket));
    }

    /** FAILED as the worker reports a handled error: the error string plus {@code output.status = error}. */
    public static Step failed(String error, String requestId) {
        return new Step("FAILED", JSON.createObjectNode().put("status", "error").put("request_id", requestId), error);
    }

    public static Step cancelled() {
        return new Step("CANCELLED", null, null);
    }

    public static Step timedOut() {
        return new Step("TIMED_OUT", null, null);
    }

    public boolean isTerminal() {
        return switch (status) {
            case "COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT" -> true;
            default -> false;
        };
    }
}
