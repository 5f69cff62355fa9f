package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.ProgressSink;
import java.util.concurrent.CompletableFuture;

/** One job inside {@link LocalQueue}; every field is guarded by the queue's lock. */
final class LocalJob {

    final String id;
    final JsonNode input;
    final JobPolicy policy;

    JobState state = JobState.IN_QUEUE;
    /** When the job was (re)queued; its ttl and delayTime count from here. */
    long queuedAt;
    long startedAt = -1;
    long finishedAt = -1;
    JsonNode output;
    String error;
    String workerId;
    int retries;
    /** Counts the runs, so a late result of an earlier run cannot overwrite a later one. */
    int attempt;
    Cancellation cancellation;
    /** Completes when the current run ends in a terminal state or the job is removed. */
    CompletableFuture<Void> done = new CompletableFuture<>();

    LocalJob(String id, JsonNode input, JobPolicy policy, long now) {
        this.id = id;
        this.input = input;
        this.policy = policy;
        this.queuedAt = now;
    }

    void start(long now, String worker) {
        state = JobState.IN_PROGRESS;
        startedAt = now;
        workerId = worker;
        attempt++;
        cancellation = new Cancellation();
    }

    void finish(JobState terminal, long now, JsonNode out, String why) {
        state = terminal;
        finishedAt = now;
        output = out;
        error = why;
        done.complete(null);
    }

    void requeue(long now) {
        state = JobState.IN_QUEUE;
        queuedAt = now;
        startedAt = -1;
        finishedAt = -1;
        output = null;
        error = null;
        workerId = null;
        retries++;
        done = new CompletableFuture<>();
    }

    /**
     * Takes the handler's job-done body for run {@code run}, unless the job was cancelled, timed out
     * or retried meanwhile; returns whether it was taken.
     */
    boolean answer(int run, ObjectNode body, long now) {
        if (run != attempt || state != JobState.IN_PROGRESS) {
            return false;
        }
        if (body.has("error")) {
            finish(JobState.FAILED, now, body.get("output"), body.get("error").asText());
        } else {
            finish(JobState.COMPLETED, now, body.get("output"), null);
        }
        return true;
    }

    /** While run {@code run} is in progress, its output shows the latest {@code {"stage","percent"}}. */
    void showProgress(int run, ProgressSink.Stage stage, Integer percent) {
        if (run != attempt || state != JobState.IN_PROGRESS) {
            return;
        }
        ObjectNode progress = JsonNodeFactory.instance.objectNode().put("stage", stage.wireName());
        if (percent == null) {
            progress.putNull("percent");
        } else {
            progress.put("percent", Math.max(0, Math.min(100, percent)));
        }
        output = progress;
    }

    long executionMillis() {
        return finishedAt - startedAt;
    }

    /** An unfinished job whose ttl ran out is deleted (reference §3.3). */
    boolean expired(long now) {
        return !state.terminal() && now - queuedAt >= policy.ttlMs();
    }

    boolean overtime(long now) {
        return state == JobState.IN_PROGRESS && now - startedAt >= policy.executionTimeoutMs();
    }

    boolean retentionOver(long now, long retentionMs) {
        return state.terminal() && now - finishedAt >= retentionMs;
    }

    JobView view() {
        Long delay = startedAt < 0 ? null : startedAt - queuedAt;
        Long execution = startedAt < 0 || finishedAt < 0 ? null : finishedAt - startedAt;
        return new JobView(id, state, delay, execution, output, error, workerId, retries == 0 ? null : retries);
    }
}
