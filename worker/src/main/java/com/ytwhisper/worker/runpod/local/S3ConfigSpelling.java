package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Runpod SDKs' {@code s3Config} ({@code {accessId, accessSecret, bucketName, endpointUrl}},
 * beside {@code input} in the request; runpod-python's upload helper reads it from the job) as
 * another spelling of the job input's S3 fields. Folded into the input here, at the API's edge,
 * so the pipeline sees one spelling and checks it as always. A field given both ways with
 * different values is refused; values never appear in messages (two of them are secrets).
 */
final class S3ConfigSpelling {

    /** s3Config name → the job input's name. */
    static final Map<String, String> FIELDS = fields();

    private S3ConfigSpelling() {
    }

    private static Map<String, String> fields() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("accessId", "aws_access_key");
        fields.put("accessSecret", "aws_secret_key");
        fields.put("bucketName", "s3_bucket");
        fields.put("endpointUrl", "s3_endpoint_url");
        return java.util.Collections.unmodifiableMap(fields);
    }

    /** The input with {@code s3Config}'s values in the job's own fields; the input itself when there is none. */
    static JsonNode fold(JsonNode s3Config, JsonNode input) {
        if (s3Config == null || s3Config.isNull()) {
            return input;
        }
        if (!s3Config.isObject()) {
            throw new LocalApiException(400, "s3Config must be an object such as {\"bucketName\": \"my-bucket\", "
                    + "\"accessId\": \"...\", \"accessSecret\": \"...\", \"endpointUrl\": \"https://...\"}");
        }
        if (!input.isObject()) {
            throw new LocalApiException(400, "s3Config needs input to be a JSON object, which it completes");
        }
        List<String> problems = new ArrayList<>();
        s3Config.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.containsKey(name)) {
                problems.add("s3Config." + name + " is not known: s3Config takes " + FIELDS.keySet()
                        + (name.equals("objectPath") ? " (for a key prefix use input.s3_key_prefix)" : ""));
            }
        });
        ObjectNode folded = ((ObjectNode) input).deepCopy();
        for (Map.Entry<String, String> field : FIELDS.entrySet()) {
            JsonNode value = s3Config.get(field.getKey());
            String name = "s3Config." + field.getKey();
            if (given(value) && !value.isTextual()) {
                problems.add(name + " must be a string");
                continue;
            }
            if (!given(value)) {
                continue;
            }
            JsonNode own = input.get(field.getValue());
            if (given(own) && !own.equals(value)) {
                problems.add(name + " and input." + field.getValue() + " are both given and differ: "
                        + "give one of them (they are two spellings of the same setting)");
            } else {
                folded.set(field.getValue(), value);
            }
        }
        if (!problems.isEmpty()) {
            throw new LocalApiException(400, String.join("; ", problems));
        }
        return folded;
    }

    /** Like the job input's rule: null and "" mean not given. */
    private static boolean given(JsonNode value) {
        return value != null && !value.isNull() && !(value.isTextual() && value.asText().isEmpty());
    }
}
