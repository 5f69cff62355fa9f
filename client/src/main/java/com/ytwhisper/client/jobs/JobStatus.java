package com.ytwhisper.client.jobs;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The status file {@code status/<job_id>.json}. The five keys of docs/prototype-contract.md, Status
 * file, come first and are always written (null included); the other keys are extras, written when
 * known.
 *
 * @param jobId our id, also the file name
 * @param runpodJobId Runpod's id, once {@code /run} answered
 * @param status starting, running, done or error
 * @param srtPath {@code s3://bucket/key.srt} when done
 * @param error why the job failed
 * @param url the video URL
 * @param requestId names the output object ({@code s3_key_prefix + request_id + ".srt"})
 * @param s3Bucket bucket asked for at submit time (null: the worker's default)
 * @param s3KeyPrefix key prefix asked for at submit time (null: the worker's default)
 * @param submittedAt when the job was created here
 * @param updatedAt last change of this file
 * @param runpodStatus the last state Runpod reported (IN_QUEUE, ..., or NOT_FOUND)
 * @param progress the worker's stage and percent while running
 * @param delayMs Runpod's {@code delayTime}: time in the queue, cold start included
 * @param executionMs Runpod's {@code executionTime}
 * @param output the worker's final output (paths of every format written)
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({ "job_id", "runpod_job_id", "status", "srt_path", "error" })
public record JobStatus(
        @JsonInclude(JsonInclude.Include.ALWAYS) String jobId,
        @JsonInclude(JsonInclude.Include.ALWAYS) String runpodJobId,
        @JsonInclude(JsonInclude.Include.ALWAYS) JobState status,
        @JsonInclude(JsonInclude.Include.ALWAYS) String srtPath,
        @JsonInclude(JsonInclude.Include.ALWAYS) String error,
        String url,
        String requestId,
        String s3Bucket,
        String s3KeyPrefix,
        Instant submittedAt,
        Instant updatedAt,
        String runpodStatus,
        Progress progress,
        Long delayMs,
        Long executionMs,
        JsonNode output) {

    /** A job whose submit call is about to be made. */
    public static JobStatus starting(String jobId, String url, String requestId, String s3Bucket, String s3KeyPrefix,
            Instant now) {
        return new JobStatus(jobId, null, JobState.STARTING, null, null, url, requestId, s3Bucket, s3KeyPrefix, now, now,
                null, null, null, null, null);
    }

    /** Queued or running on Runpod. */
    public JobStatus running(String runpodJobId, String runpodStatus, Progress progress, Long delayMs, Long executionMs,
            Instant now) {
        return new JobStatus(jobId, runpodJobId, JobState.RUNNING, null, null, url, requestId, s3Bucket, s3KeyPrefix,
                submittedAt, now, runpodStatus, progress, delayMs, executionMs, null);
    }

    /** Finished with the SRT at {@code srtPath}. */
    public JobStatus done(String srtPath, String runpodStatus, Long delayMs, Long executionMs, JsonNode output,
            Instant now) {
        // the last progress report ("transcribing 50%") is stale once the job is done
        return new JobStatus(jobId, runpodJobId, JobState.DONE, srtPath, null, url, requestId, s3Bucket, s3KeyPrefix,
                submittedAt, now, runpodStatus, null, delayMs, executionMs, output);
    }

    /** Failed for {@code reason}; {@code runpodStatus} null keeps the last one known. */
    public JobStatus failed(String reason, String runpodStatus, Instant now) {
        return new JobStatus(jobId, runpodJobId, JobState.ERROR, null, reason, url, requestId, s3Bucket, s3KeyPrefix,
                submittedAt, now, runpodStatus == null ? this.runpodStatus : runpodStatus, progress, delayMs, executionMs,
                output);
    }

    /** Every result path of the worker's output ({@code *_path}), the SRT first; just the SRT when no output is kept. */
    @JsonIgnore
    public java.util.List<String> resultPaths() {
        java.util.List<String> paths = new java.util.ArrayList<>();
        if (srtPath != null) {
            paths.add(srtPath);
        }
        if (output != null && output.isObject()) {
            output.fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("_path") && field.getValue().isTextual()
                        && !paths.contains(field.getValue().asText())) {
                    paths.add(field.getValue().asText());
                }
            });
        }
        return paths;
    }

    /** The Runpod states after which the job will not change any more. */
    public static boolean isTerminal(String runpodStatus) {
        return runpodStatus != null && switch (runpodStatus) {
            case "COMPLETED", "FAILED", "CANCELLED", "TIMED_OUT", StatusMapping.NOT_FOUND -> true;
            default -> false;
        };
    }

    /**
     * An error that came from this side (rejected key, lost contact) while Runpod still runs the job:
     * {@code ytw resume} can track it again.
     */
    @JsonIgnore
    public boolean isResumable() {
        return status == JobState.ERROR && runpodJobId != null && !isTerminal(runpodStatus);
    }
}
