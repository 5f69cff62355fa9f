package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's {@code policy} (docs/runpod-protocol.md §3.3), in milliseconds.
 *
 * @param executionTimeoutMs how long the handler may run before the job is TIMED_OUT
 * @param ttlMs              lifetime from submission; an unfinished job is deleted when it runs out
 */
public record JobPolicy(long executionTimeoutMs, long ttlMs) {

    /** The cloud's upper bound for both values: 7 days. */
    static final long MAX_MS = 7L * 24 * 60 * 60 * 1000;

    /**
     * Reads {@code policy} from a request, {@code defaults} filling what it leaves out. The cloud's
     * lower bounds (5 s, 10 s) are not enforced, so local tests can use short values.
     */
    static JobPolicy read(JsonNode policy, JobPolicy defaults) {
        if (policy == null || policy.isNull()) {
            return defaults;
        }
        if (!policy.isObject()) {
            throw new LocalApiException(400, "policy must be an object such as {\"executionTimeout\": 600000, "
                    + "\"ttl\": 86400000}");
        }
        List<String> unknown = new ArrayList<>();
        policy.fieldNames().forEachRemaining(name -> {
            if (!List.of("executionTimeout", "ttl", "lowPriority").contains(name)) {
                unknown.add(name);
            }
        });
        if (!unknown.isEmpty()) {
            throw new LocalApiException(400, "unknown policy field(s) " + unknown
                    + ": the local API knows executionTimeout, ttl and lowPriority");
        }
        if (policy.has("lowPriority") && !policy.get("lowPriority").isBoolean()) {
            throw new LocalApiException(400, "policy.lowPriority must be true or false");
        }
        return new JobPolicy(millis(policy, "executionTimeout", defaults.executionTimeoutMs()),
                millis(policy, "ttl", defaults.ttlMs()));
    }

    private static long millis(JsonNode policy, String field, long fallback) {
        JsonNode value = policy.get(field);
        if (value == null || value.isNull()) {
            return fallback;
        }
        if (!value.canConvertToLong() || !value.isIntegralNumber() || value.asLong() < 1 || value.asLong() > MAX_MS) {
            throw new LocalApiException(400, "policy." + field + " must be a whole number of milliseconds from 1 to "
                    + MAX_MS + " (7 days), got " + value);
        }
        return value.asLong();
    }
}
