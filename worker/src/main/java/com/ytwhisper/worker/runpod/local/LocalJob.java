package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.ProgressSink;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One job inside {@link LocalQueue}; every field is guarded by the queue's lock. */
final class LocalJob {

    /** A failed job keeps an input up to this size, so {@code /retry} can run it again; larger ones are dropped. */
    static final long RETRY_INPUT_MAX_BYTES = 64 * 1024;
    /** Stream items not yet read through {@code /stream}, at most this many bytes of JSON; the oldest go first. */
    static final long STREAM_UNREAD_MAX_BYTES = 1024 * 1024;

    final String id;
    final JobPolicy policy;
    /** Where the final status is posted, or null. */
    final URI webhook;
    /** The handler's input while the job may still run; null once it cannot (only status and output stay). */
    JsonNode input;
    /** The size of the request that brought the input, what the queue's memory cap counts. */
    final long inputBytes;

    LocalJobState state = LocalJobState.IN_QUEUE;
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

    /** Stream items of the current run not yet read, oldest first, and their size as JSON text. */
    private final Deque<JsonNode> unread = new ArrayDeque<>();
    private long unreadBytes;
    /** Stream items dropped unread because the reader fell behind by more than the cap. */
    long droppedItems;

    LocalJob(String id, LocalJobRequest request, long now) {
        this.id = id;
        this.input = request.input();
        this.inputBytes = request.size();
        this.policy = request.policy();
        this.webhook = request.webhook();
        this.queuedAt = now;
    }

    void start(long now, String worker) {
        state = LocalJobState.IN_PROGRESS;
        startedAt = now;
        workerId = worker;
        attempt++;
        cancellation = new Cancellation();
    }

    void finish(LocalJobState terminal, long now, JsonNode out, String why) {
        state = terminal;
        finishedAt = now;
        output = out;
        error = why;
        if (!terminal.retryable() || inputBytes > RETRY_INPUT_MAX_BYTES) {
            input = null; // a finished job keeps its status and output; only a small failed one its input
        }
        done.complete(null);
    }

    /** Whether {@code /retry} can run this job again: it failed and its input was kept. */
    boolean retryable() {
        return state.retryable() && input != null;
    }

    void requeue(long now) {
        state = LocalJobState.IN_QUEUE;
        queuedAt = now;
        startedAt = -1;
        finishedAt = -1;
        output = null;
        error = null;
        workerId = null;
        retries++;
        unread.clear();
        unreadBytes = 0;
        done = new CompletableFuture<>();
    }

    /** Keeps a stream item of run {@code run} for {@code /stream}, while that run is in progress. */
    void addStreamItem(int run, JsonNode item) {
        if (run != attempt || state != LocalJobState.IN_PROGRESS || item == null) {
            return;
        }
        long size = item.toString().length();
        if (size > STREAM_UNREAD_MAX_BYTES) {
            droppedItems++;
            return;
        }
        while (unreadBytes + size > STREAM_UNREAD_MAX_BYTES) {
            unreadBytes -= unread.removeFirst().toString().length();
            droppedItems++;
        }
        unread.addLast(item);
        unreadBytes += size;
    }

    /** The stream items not read before, oldest first; they count as read now. */
    List<JsonNode> takeStreamItems() {
        List<JsonNode> items = new ArrayList<>(unread);
        unread.clear();
        unreadBytes = 0;
        return items;
    }

    /**
     * Takes the handler's job-done body for run {@code run}, unless the job was cancelled, timed out
     * or retried meanwhile; returns whether it was taken.
     */
    boolean answer(int run, ObjectNode body, long now) {
        if (run != attempt || state != LocalJobState.IN_PROGRESS) {
            return false;
        }
        if (body.has("error")) {
            finish(LocalJobState.FAILED, now, body.get("output"), body.get("error").asText());
        } else {
            finish(LocalJobState.COMPLETED, now, body.get("output"), null);
        }
        return true;
    }

    /** While run {@code run} is in progress, its output shows the latest {@code {"stage","percent"}}. */
    void showProgress(int run, ProgressSink.Stage stage, Integer percent) {
        if (run != attempt || state != LocalJobState.IN_PROGRESS) {
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

    /** An unfinished job whose ttl ran out is deleted (docs/runpod-protocol.md §3.3). */
    boolean expired(long now) {
        return !state.terminal() && now - queuedAt >= policy.ttlMs();
    }

    boolean overtime(long now) {
        return state == LocalJobState.IN_PROGRESS && now - startedAt >= policy.executionTimeoutMs();
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
