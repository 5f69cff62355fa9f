package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.pipeline.ProgressSink;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Forwards one job's progress as {@code {"status":"IN_PROGRESS","output":{"stage","percent"}}}
 * (docs/runpod-protocol.md §1.11), at most one per interval. A report that arrives inside the
 * interval is not lost: the latest one is sent when the interval ends. Posting happens off the
 * handler's thread. Transcript pieces go to job-stream through a {@link TranscriptStream}, when the
 * platform gave one.
 */
final class JobProgress implements ProgressSink, AutoCloseable {

    /** The longest the final job-done waits for the last transcript pieces to be posted. */
    static final Duration STREAM_CLOSE_WAIT = Duration.ofSeconds(5);

    private final String jobId;
    private final long intervalNanos;
    private final ScheduledExecutorService executor;
    private final BiConsumer<String, ObjectNode> post;
    private final Duration closeWait;
    private final TranscriptStream stream;

    private long lastSentNanos;
    private boolean sentAny;
    private ObjectNode pending;
    private ScheduledFuture<?> flush;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private boolean closed;

    JobProgress(String jobId, Duration interval, ScheduledExecutorService executor,
                BiConsumer<String, ObjectNode> post, Duration closeWait) {
        this(jobId, interval, executor, post, closeWait, null);
    }

    /** @param stream where transcript pieces go (job-stream), or null to drop them */
    JobProgress(String jobId, Duration interval, ScheduledExecutorService executor,
                BiConsumer<String, ObjectNode> post, Duration closeWait, TranscriptStream stream) {
        this.stream = stream;
        this.jobId = jobId;
        this.intervalNanos = interval.toNanos();
        this.executor = executor;
        this.post = post;
        this.closeWait = closeWait;
    }

    @Override
    public void partial(JsonNode item) {
        if (stream != null) {
            stream.add(item);
        }
    }

    @Override
    public synchronized void report(Stage stage, Integer percent) {
        if (closed) {
            return;
        }
        if (stream != null && stage == Stage.UPLOADING) {
            stream.flush(); // transcription is over: the last pieces need not wait for the interval
        }
        ObjectNode output = JsonNodeFactory.instance.objectNode();
        output.put("stage", stage.wireName());
        if (percent == null) {
            output.putNull("percent");
        } else {
            output.put("percent", Math.max(0, Math.min(100, percent)));
        }
        ObjectNode body = JsonNodeFactory.instance.objectNode();
        body.put("status", "IN_PROGRESS");
        body.set("output", output);

        long wait = sentAny ? lastSentNanos + intervalNanos - System.nanoTime() : 0;
        if (wait <= 0 && flush == null) {
            send(body);
        } else {
            pending = body;
            if (flush == null) {
                flush = executor.schedule(this::flushPending, Math.max(0, wait), TimeUnit.NANOSECONDS);
            }
        }
    }

    private synchronized void flushPending() {
        flush = null;
        if (!closed && pending != null) {
            send(pending);
            pending = null;
        }
    }

    private void send(ObjectNode body) {
        sentAny = true;
        lastSentNanos = System.nanoTime();
        CompletableFuture<Void> previous = inFlight;
        // Chained so updates reach the platform in the order they were made.
        inFlight = previous.thenRunAsync(() -> post.accept(jobId, body), executor);
    }

    /** Stops forwarding and waits briefly for a post in flight, so no update trails the result. */
    @Override
    public void close() {
        if (stream != null) {
            stream.close(closeWait.compareTo(STREAM_CLOSE_WAIT) < 0 ? closeWait : STREAM_CLOSE_WAIT);
        }
        CompletableFuture<Void> last;
        synchronized (this) {
            closed = true;
            pending = null;
            if (flush != null) {
                flush.cancel(false);
                flush = null;
            }
            last = inFlight;
        }
        try {
            last.get(closeWait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a slow or failed progress post must not hold the result back any longer
        }
    }
}
