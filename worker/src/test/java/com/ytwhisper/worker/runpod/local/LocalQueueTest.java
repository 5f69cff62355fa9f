package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.Job;
import com.ytwhisper.worker.pipeline.JobHandler;
import com.ytwhisper.worker.pipeline.JobResult;
import com.ytwhisper.worker.pipeline.ProgressSink;
import com.ytwhisper.worker.runpod.HandlerInvoker;
import com.ytwhisper.worker.runpod.StandInHandler;
import com.ytwhisper.worker.runpod.WorkerIdentity;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The queue's rules on a clock the test drives; the handler runs on the queue's real threads. */
class LocalQueueTest {

    private static final long RETENTION_MS = 1_800_000;
    private static final JobPolicy DEFAULTS = new JobPolicy(600_000, 86_400_000);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final AtomicLong clock = new AtomicLong(1_000_000);
    private final StandInHandler handler = new StandInHandler();
    private final List<JobView> webhookCalls = new CopyOnWriteArrayList<>();
    private LocalQueue queue = queue(2);

    @AfterEach
    void close() {
        queue.close();
    }

    private LocalQueue queue(int concurrency) {
        return queue(concurrency, 100, 1L << 40);
    }

    private LocalQueue queue(int concurrency, int maxQueued, long maxQueuedBytes) {
        // a sweep interval longer than any test: the tests sweep when they move the clock
        return new LocalQueue(new LocalQueue.Settings(concurrency, DEFAULTS, RETENTION_MS, 3_600_000, 2_000,
                maxQueued, maxQueuedBytes), clock::get, (url, status) -> {
                    assertEquals(HOOK, url);
                    webhookCalls.add(status);
                });
    }

    private void start(JobHandler with) {
        queue.start(new HandlerInvoker(with, new WorkerIdentity("w-test", "host", "ytw-worker/test"), JSON, false),
                "w-test");
    }

    private JobView submit(String id, String input) {
        return submit(id, input, DEFAULTS);
    }

    private JobView submit(String id, String input, JobPolicy policy) {
        try {
            return queue.submit(id, new LocalJobRequest(JSON.readTree(input), policy));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    private void advance(long ms) {
        clock.addAndGet(ms);
        queue.sweep();
    }

    @Test
    void jobsSubmittedBeforeTheEngineIsReadyWaitAndCountTheWaitAsDelay() {
        assertEquals(LocalJobState.IN_QUEUE, submit("early", "{\"tag\":1}").status());
        QueueHealth before = queue.health();
        assertEquals(new QueueHealth.Workers(0, 0, 2, 0, 0), before.workers());
        assertEquals(1, before.jobs().inQueue());

        advance(5_000);
        start(handler);
        JobView done = awaitState("early", LocalJobState.COMPLETED);
        assertEquals(5_000L, done.delayTime());
        assertEquals(0L, done.executionTime());
        assertEquals("w-test", done.workerId());
        assertEquals(1, done.output().path("echo").path("tag").asInt());
        assertEquals(new QueueHealth.Workers(2, 0, 0, 2, 0), queue.health().workers());
    }

    @Test
    void aFinishedJobIsReadableUntilItsRetentionEnds() {
        start(handler);
        submit("kept", "{}");
        awaitState("kept", LocalJobState.COMPLETED);
        advance(RETENTION_MS - 1);
        assertEquals(LocalJobState.COMPLETED, queue.status("kept").status());
        advance(1);
        assertEquals(404, assertThrows(LocalApiException.class, () -> queue.status("kept")).status());
    }

    @Test
    void aQueuedJobIsDeletedWhenItsTtlRunsOut() {
        submit("short-lived", "{}", new JobPolicy(600_000, 10_000));
        CompletableFuture<Void> done = queue.done("short-lived");
        advance(9_999);
        assertEquals(LocalJobState.IN_QUEUE, queue.status("short-lived").status());
        advance(1);
        LocalApiException gone = assertThrows(LocalApiException.class, () -> queue.status("short-lived"));
        assertEquals("job short-lived not found (expired or never submitted)", gone.getMessage());
        assertTrue(done.isDone(), "a runsync caller waiting on the job is released");
    }

    @Test
    void aRunningJobIsDeletedAndCancelledWhenItsTtlRunsOut() {
        start(handler);
        submit("expiring", "{\"sleep_ms\":30000}", new JobPolicy(600_000, 10_000));
        awaitState("expiring", LocalJobState.IN_PROGRESS);
        advance(10_000);
        assertThrows(LocalApiException.class, () -> queue.status("expiring"));
        awaitTrue(() -> handler.cancelled.contains("expiring"), "the handler saw the cancellation");
        assertEquals(0, queue.health().jobs().inProgress());
    }

    @Test
    void aJobPastItsExecutionTimeoutIsTimedOutAndItsLateAnswerIsIgnored() {
        start(handler);
        submit("slow", "{\"sleep_ms\":30000}", new JobPolicy(5_000, 86_400_000));
        awaitState("slow", LocalJobState.IN_PROGRESS);
        advance(4_999);
        assertEquals(LocalJobState.IN_PROGRESS, queue.status("slow").status());
        advance(1);
        JobView timedOut = queue.status("slow");
        assertEquals(LocalJobState.TIMED_OUT, timedOut.status());
        assertEquals(5_000L, timedOut.executionTime());
        assertTrue(timedOut.error().contains("policy.executionTimeout (5000 ms)"), timedOut.error());
        awaitTrue(() -> handler.finished.contains("slow"), "the handler returned");
        assertTrue(handler.cancelled.contains("slow"));
        assertEquals(LocalJobState.TIMED_OUT, queue.status("slow").status());
        assertEquals(1, queue.health().jobs().failed());
    }

    @Test
    void retryRequeuesFailedAndTimedOutJobsOnly() {
        start(handler);
        submit("failing", "{\"fail\":\"nope\"}");
        JobView failed = awaitState("failing", LocalJobState.FAILED);
        assertEquals("nope", failed.error());
        assertEquals("error", failed.output().path("status").asText());

        JobView requeued = queue.retry("failing");
        assertEquals(LocalJobState.IN_QUEUE, requeued.status());
        assertEquals(1, requeued.retries());
        assertNull(requeued.output());
        assertNull(requeued.error());
        awaitState("failing", LocalJobState.FAILED);
        assertEquals(2, handler.finished.stream().filter("failing"::equals).count());
        assertEquals(1, queue.health().jobs().retried());

        submit("fine", "{}");
        awaitState("fine", LocalJobState.COMPLETED);
        LocalApiException refused = assertThrows(LocalApiException.class, () -> queue.retry("fine"));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("job fine is COMPLETED"), refused.getMessage());
        assertEquals(404, assertThrows(LocalApiException.class, () -> queue.retry("unknown")).status());
    }

    @Test
    void aCancelledQueuedJobNeverRuns() {
        submit("unwanted", "{}");
        assertEquals(LocalJobState.CANCELLED, queue.cancel("unwanted").status());
        start(handler);
        submit("wanted", "{}");
        awaitState("wanted", LocalJobState.COMPLETED);
        assertFalse(handler.finished.contains("unwanted"));
        assertEquals(LocalJobState.CANCELLED, queue.cancel("unwanted").status(), "cancelling again changes nothing");
        assertEquals(409, assertThrows(LocalApiException.class, () -> queue.retry("unwanted")).status());
    }

    @Test
    void purgeDeletesWaitingJobsOnly() {
        queue = queue(1);
        start(handler);
        submit("busy", "{\"sleep_ms\":30000}");
        awaitState("busy", LocalJobState.IN_PROGRESS);
        submit("w1", "{}");
        submit("w2", "{}");
        assertEquals(2, queue.purge());
        assertThrows(LocalApiException.class, () -> queue.status("w1"));
        assertEquals(LocalJobState.IN_PROGRESS, queue.status("busy").status());
        assertEquals(0, queue.purge());
    }

    @Test
    void theLateAnswerOfATimedOutRunDoesNotOverwriteItsRetry() throws Exception {
        GatedStandIn gated = new GatedStandIn();
        start(gated);
        submit("twice", "{}", new JobPolicy(5_000, 86_400_000));
        awaitTrue(() -> gated.runs.size() == 1, "first run started");
        advance(5_000);
        assertEquals(LocalJobState.TIMED_OUT, queue.status("twice").status());
        queue.retry("twice");
        awaitTrue(() -> gated.runs.size() == 2, "second run started");

        gated.runs.get(0).countDown();
        awaitTrue(() -> gated.returned.size() == 1, "first run returned");
        assertEquals(LocalJobState.IN_PROGRESS, queue.status("twice").status());

        gated.runs.get(1).countDown();
        JobView done = awaitState("twice", LocalJobState.COMPLETED);
        assertEquals(2, done.output().path("run").asInt());
    }

    @Test
    void closingCancelsRunningJobsAndRefusesNewOnes() {
        start(handler);
        submit("running", "{\"sleep_ms\":30000}");
        awaitState("running", LocalJobState.IN_PROGRESS);
        long start = System.nanoTime();
        queue.close();
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2_000, "close waited for the grace");
        assertTrue(handler.cancelled.contains("running"));
        assertEquals(503, assertThrows(LocalApiException.class, () -> submit("late", "{}")).status());
    }

    private static final URI HOOK = URI.create("http://hooks.example/done");

    @Test
    void aFinishedJobKeepsItsStatusAndOutputButNotItsInput() {
        start(handler);
        submit("big", "{\"pad\":\"" + "x".repeat(100_000) + "\"}");
        JobView done = awaitState("big", LocalJobState.COMPLETED);
        assertEquals("done", done.output().path("status").asText());
        assertNull(queue.inputOf("big"), "a COMPLETED job dropped its input");

        submit("cancelled", "{\"sleep_ms\":30000}");
        awaitState("cancelled", LocalJobState.IN_PROGRESS);
        queue.cancel("cancelled");
        assertNull(queue.inputOf("cancelled"), "a CANCELLED job dropped its input");

        submit("small-failure", "{\"fail\":\"no\"}");
        awaitState("small-failure", LocalJobState.FAILED);
        assertEquals("no", queue.inputOf("small-failure").path("fail").asText(), "kept for /retry");

        submit("big-failure", "{\"fail\":\"no\",\"pad\":\"" + "x".repeat(100_000) + "\"}");
        awaitState("big-failure", LocalJobState.FAILED);
        assertNull(queue.inputOf("big-failure"), "a large failed input is not kept");
        LocalApiException refused = assertThrows(LocalApiException.class, () -> queue.retry("big-failure"));
        assertEquals(409, refused.status());
        assertTrue(refused.getMessage().contains("submit it again"), refused.getMessage());
    }

    @Test
    void aFullQueueRefusesWith429AndRetryAfter() {
        queue = queue(1, 2, 1L << 40);
        submit("q1", "{}");
        submit("q2", "{}");
        LocalApiException full = assertThrows(LocalApiException.class, () -> submit("q3", "{}"));
        assertEquals(429, full.status());
        assertEquals(LocalQueue.FULL_RETRY_AFTER_S, full.retryAfterSeconds());
        assertTrue(full.getMessage().contains("WORKER_LOCAL_MAX_QUEUED_JOBS"), full.getMessage());
        queue.cancel("q1");
        submit("q3", "{}"); // room again

        queue.close();
        queue = queue(1, 100, 1_000);
        submit("b1", "{\"pad\":\"" + "x".repeat(600) + "\"}");
        LocalApiException heavy = assertThrows(LocalApiException.class,
                () -> submit("b2", "{\"pad\":\"" + "x".repeat(600) + "\"}"));
        assertEquals(429, heavy.status());
        assertTrue(heavy.getMessage().contains("inputs take"), heavy.getMessage());
    }

    @Test
    void streamItemsAreServedOnceEachWhileTheJobRunsAndAfterItEnds() {
        StreamingStandIn streaming = new StreamingStandIn();
        start(streaming);
        submit("live", "{}");
        awaitTrue(() -> streaming.sinks.size() == 1, "the run started");
        StreamView queued = queue.stream("live");
        assertTrue(queued.stream().isEmpty());

        streaming.emit(0, "going to the market");
        streaming.emit(0, "tomorrow morning");
        StreamView first = queue.stream("live");
        assertEquals(LocalJobState.IN_PROGRESS, first.status());
        assertEquals(List.of("going to the market", "tomorrow morning"),
                first.stream().stream().map(i -> i.output().path("text").asText()).toList());
        assertTrue(queue.stream("live").stream().isEmpty(), "items already read are not served again");

        streaming.emit(0, "last words");
        streaming.finish(0);
        awaitState("live", LocalJobState.COMPLETED);
        StreamView last = queue.stream("live");
        assertEquals(LocalJobState.COMPLETED, last.status());
        assertEquals(List.of("last words"), last.stream().stream().map(i -> i.output().path("text").asText()).toList());
        streaming.emit(0, "after the end");
        assertTrue(queue.stream("live").stream().isEmpty(), "a finished run adds nothing");
        assertEquals(404, assertThrows(LocalApiException.class, () -> queue.stream("unknown")).status());
    }

    @Test
    void unreadStreamItemsAreCappedTheOldestGoFirst() {
        StreamingStandIn streaming = new StreamingStandIn();
        start(streaming);
        submit("chatty", "{}");
        awaitTrue(() -> streaming.sinks.size() == 1, "the run started");
        String text = "y".repeat(1000);
        int items = (int) (2 * LocalJob.STREAM_UNREAD_MAX_BYTES / text.length());
        for (int i = 0; i < items; i++) {
            streaming.emit(0, i + " " + text);
        }
        List<StreamView.Item> kept = queue.stream("chatty").stream();
        long bytes = kept.stream().mapToLong(i -> i.output().toString().length()).sum();
        assertTrue(bytes <= LocalJob.STREAM_UNREAD_MAX_BYTES, bytes + " bytes kept");
        assertTrue(kept.size() > items / 3, kept.size() + " items kept");
        assertEquals((items - 1) + " " + text, kept.get(kept.size() - 1).output().path("text").asText());
        streaming.finish(0);
    }

    @Test
    void aJobWithAWebhookReportsItsFinalStatusOnceWhenItEnds() throws Exception {
        start(handler);
        queue.submit("hooked", new LocalJobRequest(JSON.readTree("{\"tag\":\"h\"}"), DEFAULTS, HOOK, 20));
        awaitState("hooked", LocalJobState.COMPLETED);
        awaitTrue(() -> webhookCalls.size() == 1, "the webhook was told");
        JobView told = webhookCalls.get(0);
        assertEquals("hooked", told.id());
        assertEquals(LocalJobState.COMPLETED, told.status());
        assertEquals("h", told.output().path("echo").path("tag").asText());

        queue.submit("hooked-cancel", new LocalJobRequest(JSON.readTree("{\"sleep_ms\":30000}"), DEFAULTS, HOOK, 20));
        awaitState("hooked-cancel", LocalJobState.IN_PROGRESS);
        queue.cancel("hooked-cancel");
        awaitTrue(() -> handler.finished.contains("hooked-cancel"), "the handler returned");
        submit("no-hook", "{}");
        awaitState("no-hook", LocalJobState.COMPLETED);
        assertEquals(List.of("hooked", "hooked-cancel"), webhookCalls.stream().map(JobView::id).toList());
        assertEquals(LocalJobState.CANCELLED, webhookCalls.get(1).status());
    }

    private JobView awaitState(String id, LocalJobState state) {
        awaitTrue(() -> queue.status(id).status() == state, id + " " + state);
        return queue.status(id);
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        await(what).atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(condition::getAsBoolean);
    }

    /**
     * A stand-in for a transcribing handler: each run hands its progress sink to the test, which
     * emits transcript pieces through {@link ProgressSink#partial} as the pipeline does, then ends it.
     */
    private static final class StreamingStandIn implements JobHandler {
        final CopyOnWriteArrayList<ProgressSink> sinks = new CopyOnWriteArrayList<>();
        final CopyOnWriteArrayList<CountDownLatch> ends = new CopyOnWriteArrayList<>();

        @Override
        public void awaitReady() {
        }

        @Override
        public JobResult handle(Job job, ProgressSink progress, Cancellation cancel) {
            CountDownLatch end = new CountDownLatch(1);
            ends.add(end);
            sinks.add(progress);
            try {
                end.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return JobResult.success(JsonNodeFactory.instance.objectNode().put("status", "done"));
        }

        void emit(int run, String text) {
            sinks.get(run).partial(JsonNodeFactory.instance.objectNode().put("start", 0.0).put("end", 1.0)
                    .put("text", text));
        }

        void finish(int run) {
            ends.get(run).countDown();
        }
    }

    /** A stand-in whose runs each wait for the test to release them, and ignore cancellation. */
    private static final class GatedStandIn implements JobHandler {
        final CopyOnWriteArrayList<CountDownLatch> runs = new CopyOnWriteArrayList<>();
        final CopyOnWriteArrayList<Integer> returned = new CopyOnWriteArrayList<>();

        @Override
        public void awaitReady() {
        }

        @Override
        public JobResult handle(Job job, ProgressSink progress, Cancellation cancel) {
            CountDownLatch gate = new CountDownLatch(1);
            runs.add(gate);
            int run = runs.size();
            try {
                gate.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            JsonNode output = JsonNodeFactory.instance.objectNode().put("run", run);
            returned.add(run);
            return JobResult.success(output);
        }
    }
}
