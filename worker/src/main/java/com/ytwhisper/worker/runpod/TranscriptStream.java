package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One job's transcript pieces on their way to job-stream. Pieces are batched by time (at most
 * one post per interval, so a 4-hour video makes a few hundred posts, not thousands); each post
 * is {@code {"output": [piece, ...]}}, the body runpod-python sends for a value a generator
 * handler yields ({@code runpod/serverless/modules/rp_http.py: stream_result}), and stays under
 * Runpod's 1 MB limit for one streamed chunk. Posts leave in order, off the handler's thread.
 */
final class TranscriptStream {

    /** Runpod's limit for one streamed chunk is 1 MB; the margin covers the envelope. */
    static final int MAX_POST_BYTES = 1_000_000 - 1_000;
    /** Longest text one piece may carry (a UTF-16 char is at most 3 UTF-8 bytes). */
    private static final int MAX_PIECE_CHARS = MAX_POST_BYTES / 3 - 1_000;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String jobId;
    private final long intervalNanos;
    private final ScheduledExecutorService executor;
    private final BiConsumer<String, ObjectNode> post;

    private final List<JsonNode> pending = new ArrayList<>();
    private long lastSentNanos;
    private boolean sentAny;
    private ScheduledFuture<?> flush;
    private CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
    private boolean closed;

    TranscriptStream(String jobId, Duration interval, ScheduledExecutorService executor,
                     BiConsumer<String, ObjectNode> post) {
        this.jobId = jobId;
        this.intervalNanos = interval.toNanos();
        this.executor = executor;
        this.post = post;
    }

    /** Queues one piece; the first goes at once, later ones with the next batch. */
    synchronized void add(JsonNode piece) {
        if (closed) {
            return;
        }
        pending.add(bounded(piece));
        long wait = sentAny ? lastSentNanos + intervalNanos - System.nanoTime() : 0;
        if (wait <= 0 && flush == null) {
            sendPending();
        } else if (flush == null) {
            flush = executor.schedule(this::flushScheduled, Math.max(0, wait), TimeUnit.NANOSECONDS);
        }
    }

    /** Sends what is queued now (the transcription is over: no reason to wait for the interval). */
    synchronized void flush() {
        if (flush != null) {
            flush.cancel(false);
            flush = null;
        }
        if (!closed) {
            sendPending();
        }
    }

    /**
     * Sends what is queued, stops taking pieces and waits at most {@code wait} for the posts in
     * flight, so the stream normally ends before the job's result without ever holding it long.
     */
    void close(Duration wait) {
        CompletableFuture<Void> last;
        synchronized (this) {
            flush();
            closed = true;
            last = inFlight;
        }
        try {
            last.get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            // a slow or failed stream post must not hold the result back any longer
        }
    }

    private synchronized void flushScheduled() {
        flush = null;
        if (!closed) {
            sendPending();
        }
    }

    private void sendPending() {
        if (pending.isEmpty()) {
            return;
        }
        sentAny = true;
        lastSentNanos = System.nanoTime();
        for (ObjectNode body : chunks(pending)) {
            CompletableFuture<Void> previous = inFlight;
            // chained so pieces reach the platform in the order they were decoded
            inFlight = previous.thenRunAsync(() -> post.accept(jobId, body), executor);
        }
        pending.clear();
    }

    /** Splits pieces into as few bodies as fit under {@link #MAX_POST_BYTES} each. */
    static List<ObjectNode> chunks(List<JsonNode> pieces) {
        List<ObjectNode> bodies = new ArrayList<>();
        ArrayNode current = null;
        int size = 0;
        for (JsonNode piece : pieces) {
            int pieceBytes = piece.toString().getBytes(StandardCharsets.UTF_8).length + 1;
            if (current == null || size + pieceBytes > MAX_POST_BYTES) {
                ObjectNode body = JSON.objectNode();
                current = body.putArray("output");
                bodies.add(body);
                size = "{\"output\":[]}".length();
            }
            current.add(piece);
            size += pieceBytes;
        }
        return bodies;
    }

    /** A piece whose text alone would break the chunk limit is cut (no real segment comes close). */
    private static JsonNode bounded(JsonNode piece) {
        String text = piece.path("text").asText("");
        if (text.length() <= MAX_PIECE_CHARS || !piece.isObject()) {
            return piece;
        }
        ObjectNode cut = ((ObjectNode) piece).deepCopy();
        cut.put("text", text.substring(0, MAX_PIECE_CHARS));
        return cut;
    }
}
