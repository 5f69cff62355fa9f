package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The error object sent for a handler exception (docs/runpod-protocol.md §1.9), serialised to a
 * string, with the worker's own name and version where the SDK puts {@code runpod_version}. Every
 * string value of the job's input is blanked out of the message and traceback, so neither input
 * values nor the credentials a job may carry leave the worker this way.
 */
final class ErrorReport {

    private static final int MIN_REDACTED_LENGTH = 4;

    private final WorkerIdentity identity;
    private final ObjectMapper json;

    ErrorReport(WorkerIdentity identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    String describe(Throwable error, JsonNode input) {
        List<String> secrets = new ArrayList<>();
        collectStrings(input, secrets);
        secrets.sort(Comparator.comparingInt(String::length).reversed());
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));

        ObjectNode report = json.createObjectNode();
        report.put("error_type", error.getClass().getName());
        report.put("error_message", redact(String.valueOf(error.getMessage()), secrets));
        report.put("error_traceback", redact(trace.toString(), secrets));
        report.put("hostname", identity.hostname());
        report.put("worker_id", identity.podId());
        report.put("worker_version", identity.version());
        return report.toString();
    }

    private static void collectStrings(JsonNode node, List<String> out) {
        if (node == null) {
            return;
        }
        if (node.isTextual() && node.asText().length() >= MIN_REDACTED_LENGTH) {
            out.add(node.asText());
        }
        node.forEach(child -> collectStrings(child, out));
    }

    private static String redact(String text, List<String> secrets) {
        String result = text;
        for (String s : secrets) {
            result = result.replace(s, "[input value]");
        }
        return result;
    }
}
