package com.ytwhisper.client.jobs;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

import com.ytwhisper.client.runpod.StatusResponse;

/**
 * Runpod's job states (docs/runpod-protocol.md §3.5) to the status file's
 * (docs/prototype-contract.md, Status file): IN_QUEUE and IN_PROGRESS are {@code running} (with
 * the worker's progress); COMPLETED with {@code output.status == "done"} is {@code done}; a COMPLETED
 * error output, FAILED, CANCELLED and TIMED_OUT are {@code error} with the reason. A state this
 * client does not know keeps the job {@code running}, so a new Runpod state never loses a job.
 */
public final class StatusMapping {

    /** {@code runpod_status} written when {@code /status} answered 404. */
    public static final String NOT_FOUND = "NOT_FOUND";

    private StatusMapping() {
    }

    public static JobStatus apply(JobStatus job, StatusResponse answer, Instant now) {
        String state = answer.status() == null ? "UNKNOWN" : answer.status();
        Long delay = answer.delayTime();
        Long execution = answer.executionTime();
        return switch (state) {
            case "COMPLETED" -> completed(job, answer, now);
            case "FAILED" -> job.failed(firstNonNull(answer.errorText(), outputError(answer.output()),
                    "the job failed on Runpod without an error message"), state, now);
            case "CANCELLED" -> job.failed("the job was cancelled", state, now);
            case "TIMED_OUT" -> job.failed("the job timed out on Runpod: it waited longer than its ttl or ran longer "
                    + "than its execution timeout (see ytw submit --execution-timeout and --ttl)", state, now);
            default -> job.running(job.runpodJobId(), state, progressOr(job, answer.output()), delay, execution, now);
        };
    }

    /** {@code /status} answered 404: Runpod no longer knows the job. */
    public static JobStatus expired(JobStatus job, Instant now) {
        return job.failed("result expired: Runpod no longer knows job " + job.runpodJobId()
                + " (its ttl ran out, or the result was kept for 30 minutes and is gone)", NOT_FOUND, now);
    }

    private static JobStatus completed(JobStatus job, StatusResponse answer, Instant now) {
        JsonNode output = answer.output();
        String outputStatus = text(output, "status");
        if ("done".equals(outputStatus) && text(output, "srt_path") != null) {
            return job.done(text(output, "srt_path"), answer.status(), answer.delayTime(), answer.executionTime(), output,
                    now);
        }
        String reason = firstNonNull(outputError(output), answer.errorText(),
                "done".equals(outputStatus) ? "the job completed but its output has no srt_path"
                        : output == null || output.isNull() ? "the job completed without an output"
                                : "the job completed with an unexpected output: " + abbreviate(output.toString()));
        return job.failed(reason, answer.status(), now);
    }

    private static Progress progressOr(JobStatus job, JsonNode output) {
        Progress progress = Progress.from(output);
        return progress != null ? progress : job.progress();
    }

    private static String outputError(JsonNode output) {
        return text(output, "error");
    }

    private static String text(JsonNode node, String field) {
        if (node == null || !node.isObject() || !node.hasNonNull(field)) {
            return null;
        }
        JsonNode value = node.get(field);
        return value.isTextual() ? value.asText() : value.toString();
    }

    @SafeVarargs
    private static <T> T firstNonNull(T... values) {
        for (T value : values) {
            if (value != null) {
                return value;
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "...";
    }
}
