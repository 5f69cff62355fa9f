package com.ytwhisper.worker.runpod.local;

import com.ytwhisper.worker.shared.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.ProgressSink;
import com.ytwhisper.worker.runpod.HandlerInvoker;
import com.ytwhisper.worker.runpod.WorkerLoopConfig;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.jboss.logging.Logger;

/**
 * The local API's queue (docs/runpod-protocol.md, part 3). Jobs wait IN_QUEUE until one of the
 * worker's own threads runs them through the same handler as platform mode; finished jobs stay
 * readable for the retention time. Execution timeouts, ttl and retention are enforced by a periodic
 * sweep and again before every operation, so no caller sees a job past its deadline. Submissions
 * are taken before {@link #start} too: they wait, as cloud jobs wait for a cold worker. Memory is
 * bounded: at most {@code maxQueued} jobs wait, their inputs together at most
 * {@code maxQueuedBytes} (more are answered 429), and a finished job keeps its status and output,
 * not its input (a small failed one keeps it for {@code /retry}), plus its unread stream items up
 * to a cap.
 */
@Singleton
public class LocalQueue implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LocalQueue.class);

    /** What the queue tells when a job ends (its final status), for the job's webhook. */
    @FunctionalInterface
    public interface JobEnd {
        void ended(URI webhook, JobView status);
    }

    /** How long a caller refused for a full queue is asked to wait. */
    static final int FULL_RETRY_AFTER_S = 10;

    /**
     * The queue's limits and pacing, in milliseconds; {@code defaults} applies where a job has no policy.
     *
     * @param maxQueued      jobs that may wait IN_QUEUE at once
     * @param maxQueuedBytes the sizes of their requests together
     */
    public record Settings(int concurrency, JobPolicy defaults, long retentionMs, long sweepIntervalMs,
                           long shutdownGraceMs, int maxQueued, long maxQueuedBytes) {

        /** The waiting inputs together may fill a quarter of the heap. */
        static Settings from(LocalApiConfig api, WorkerLoopConfig loop) {
            return new Settings(loop.checkedConcurrency(), new JobPolicy(api.localExecutionTimeoutMs(), api.localTtlMs()),
                    api.localResultRetentionMs(), api.checkedLocalSweepIntervalMs(), loop.shutdownGraceMs(),
                    api.checkedLocalMaxQueuedJobs(), Runtime.getRuntime().maxMemory() / 4);
        }
    }

    private final Settings settings;
    private final LongSupplier clock;
    private final JobEnd jobEnd;
    private final Map<String, LocalJob> jobs = new LinkedHashMap<>();
    private final Deque<LocalJob> waiting = new ArrayDeque<>();
    private HandlerInvoker invoker;
    private String workerId;
    private ExecutorService workers;
    private ScheduledExecutorService sweeper;
    private int busyWorkers;
    private boolean closed;

    @Inject
    public LocalQueue(LocalApiConfig api, WorkerLoopConfig loop, WebhookSender webhooks) {
        this(Settings.from(api, loop), () -> System.nanoTime() / 1_000_000, webhooks);
    }

    /**
     * @param clock  milliseconds from any fixed origin; tests drive it
     * @param jobEnd told the final status of every job that has a webhook; must not block
     */
    LocalQueue(Settings settings, LongSupplier clock, JobEnd jobEnd) {
        this.settings = settings;
        this.clock = clock;
        this.jobEnd = jobEnd;
    }

    public JobPolicy defaultPolicy() {
        return settings.defaults();
    }

    /** Starts the worker threads; jobs submitted before wait until now. */
    public synchronized void start(HandlerInvoker handler, String worker) {
        if (invoker != null) {
            throw new IllegalStateException("the local queue is already started");
        }
        invoker = handler;
        workerId = worker;
        workers = Executors.newFixedThreadPool(settings.concurrency(), DaemonThreads.named("local-job"));
        for (int i = 0; i < settings.concurrency(); i++) {
            workers.execute(this::work);
        }
        sweeper = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("local-sweep"));
        sweeper.scheduleWithFixedDelay(this::sweep, settings.sweepIntervalMs(), settings.sweepIntervalMs(),
                TimeUnit.MILLISECONDS);
    }

    public JobView submit(String id, LocalJobRequest request) {
        sweep();
        synchronized (this) {
            if (closed) {
                throw new LocalApiException(503, "the worker is shutting down and takes no more jobs");
            }
            checkRoom(request.size());
            LocalJob job = new LocalJob(id, request, clock.getAsLong());
            jobs.put(id, job);
            waiting.add(job);
            notifyAll();
            return job.view();
        }
    }

    /** Refuses a job with 429 when the waiting jobs or their inputs are at their limit. */
    private void checkRoom(long size) {
        if (waiting.size() >= settings.maxQueued()) {
            throw new LocalApiException(429, "the queue is full: " + waiting.size() + " jobs wait "
                    + "(WORKER_LOCAL_MAX_QUEUED_JOBS); try again when some have started", FULL_RETRY_AFTER_S);
        }
        long queued = waiting.stream().mapToLong(j -> j.inputBytes).sum();
        if (queued + size > settings.maxQueuedBytes()) {
            throw new LocalApiException(429, "the queue is full: the waiting jobs' inputs take " + queued
                    + " bytes and this one " + size + ", over the " + settings.maxQueuedBytes()
                    + " bytes allowed (a quarter of the heap); try again when some have started", FULL_RETRY_AFTER_S);
        }
    }

    /** Tells the job's webhook, if it has one, that the job ended; called under the lock, right after it did. */
    private void ended(LocalJob job) {
        if (job.webhook != null) {
            jobEnd.ended(job.webhook, job.view());
        }
    }

    /** The job's status and the stream items not read before (they count as read now); 404 as {@link #status}. */
    public StreamView stream(String id) {
        sweep();
        synchronized (this) {
            LocalJob job = held(id);
            return StreamView.of(job.state, job.takeStreamItems());
        }
    }

    /** The input the job still holds (null once it dropped it); for tests of the queue's memory rules. */
    synchronized JsonNode inputOf(String id) {
        return held(id).input;
    }

    /** The job's status; a 404 {@link LocalApiException} when it expired or never existed. */
    public JobView status(String id) {
        sweep();
        synchronized (this) {
            return held(id).view();
        }
    }

    /** Completes when the job reaches a terminal state or is deleted; a copy, so callers may time it out. */
    public synchronized CompletableFuture<Void> done(String id) {
        return held(id).done.copy();
    }

    /** Cancels a queued or running job (the handler's {@link Cancellation} fires); a finished job stays as it is. */
    public JobView cancel(String id) {
        sweep();
        Cancellation running = null;
        JobView view;
        synchronized (this) {
            LocalJob job = held(id);
            if (job.state == LocalJobState.IN_QUEUE) {
                waiting.remove(job);
            } else if (job.state == LocalJobState.IN_PROGRESS) {
                running = job.cancellation;
            }
            if (!job.state.terminal()) {
                job.finish(LocalJobState.CANCELLED, clock.getAsLong(), null, null);
                ended(job);
                LOG.infof("job %s cancelled", id);
            }
            view = job.view();
        }
        if (running != null) {
            running.cancel("cancelled through the local API");
        }
        return view;
    }

    /** Requeues a FAILED or TIMED_OUT job with its id and input; its old output is removed. */
    public JobView retry(String id) {
        sweep();
        synchronized (this) {
            LocalJob job = held(id);
            if (!job.state.retryable()) {
                throw new LocalApiException(409, "job " + id + " is " + job.state
                        + ": only FAILED or TIMED_OUT jobs can be retried");
            }
            if (!job.retryable()) {
                throw new LocalApiException(409, "job " + id + " cannot be retried: its input (" + job.inputBytes
                        + " bytes) was larger than the " + LocalJob.RETRY_INPUT_MAX_BYTES
                        + " bytes a finished job keeps; submit it again");
            }
            checkRoom(job.inputBytes);
            job.requeue(clock.getAsLong());
            waiting.add(job);
            notifyAll();
            return job.view();
        }
    }

    /** Deletes every job still waiting (running ones are left alone); returns how many. */
    public int purge() {
        sweep();
        synchronized (this) {
            int removed = waiting.size();
            for (LocalJob job : waiting) {
                jobs.remove(job.id);
                job.done.complete(null);
            }
            waiting.clear();
            return removed;
        }
    }

    public QueueHealth health() {
        sweep();
        synchronized (this) {
            return QueueHealth.of(jobs.values(), settings.concurrency(), busyWorkers, invoker != null);
        }
    }

    /** Applies every deadline: ttl deletes unfinished jobs, executionTimeout times running ones out, retention ends. */
    void sweep() {
        List<Runnable> cancels = new ArrayList<>();
        synchronized (this) {
            long now = clock.getAsLong();
            for (Iterator<LocalJob> it = jobs.values().iterator(); it.hasNext(); ) {
                LocalJob job = it.next();
                Cancellation running = job.cancellation;
                if (job.expired(now)) {
                    it.remove();
                    waiting.remove(job);
                    if (job.state == LocalJobState.IN_PROGRESS) {
                        cancels.add(() -> running.cancel("the job's ttl of " + job.policy.ttlMs() + " ms ran out"));
                    }
                    job.done.complete(null);
                    LOG.infof("job %s expired (policy.ttl %d ms) and was deleted", job.id, job.policy.ttlMs());
                } else if (job.overtime(now)) {
                    String why = "job timed out: it ran longer than policy.executionTimeout ("
                            + job.policy.executionTimeoutMs() + " ms)";
                    job.finish(LocalJobState.TIMED_OUT, now, null, why);
                    ended(job);
                    cancels.add(() -> running.cancel(why));
                    LOG.infof("job %s timed out after %d ms", job.id, job.policy.executionTimeoutMs());
                } else if (job.retentionOver(now, settings.retentionMs())) {
                    it.remove();
                }
            }
        }
        // outside the lock: a cancel hook may wait for the handler, which may be reporting progress
        for (Runnable cancel : cancels) {
            try {
                cancel.run();
            } catch (RuntimeException e) {
                LOG.warnf("a job's cancel hook failed: %s", e.toString()); // the sweeper must keep running
            }
        }
    }

    private LocalJob held(String id) {
        LocalJob job = jobs.get(id);
        if (job == null) {
            throw LocalApiException.notFound(id);
        }
        return job;
    }

    private void work() {
        while (true) {
            LocalJob job;
            JsonNode input;
            int attempt;
            Cancellation cancel;
            synchronized (this) {
                while (!closed && waiting.isEmpty()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (closed) {
                    return;
                }
                job = waiting.poll();
                job.start(clock.getAsLong(), workerId);
                attempt = job.attempt;
                input = job.input;
                cancel = job.cancellation;
                busyWorkers++;
            }
            // never throws: the invoker turns every handler failure into an error body
            ObjectNode body = invoker.run(job.id, input, progressOf(job, attempt), cancel);
            synchronized (this) {
                busyWorkers--;
                if (jobs.get(job.id) == job && job.answer(attempt, body, clock.getAsLong())) {
                    ended(job);
                    LOG.infof("job %s %s in %d ms", job.id, job.state, job.executionMillis());
                }
            }
        }
    }

    private ProgressSink progressOf(LocalJob job, int attempt) {
        return new ProgressSink() {
            @Override
            public void report(Stage stage, Integer percent) {
                synchronized (LocalQueue.this) {
                    job.showProgress(attempt, stage, percent);
                }
            }

            @Override
            public void partial(JsonNode item) {
                synchronized (LocalQueue.this) {
                    job.addStreamItem(attempt, item);
                }
            }
        };
    }

    /** Cancels running jobs and gives their handlers the shutdown grace to return. */
    @PreDestroy
    @Override
    public void close() {
        List<Cancellation> running = new ArrayList<>();
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            notifyAll();
            jobs.values().stream().filter(j -> j.state == LocalJobState.IN_PROGRESS).forEach(j -> running.add(j.cancellation));
        }
        running.forEach(c -> c.cancel("worker shutting down"));
        if (sweeper != null) {
            sweeper.shutdownNow();
        }
        if (workers != null) {
            workers.shutdown();
            try {
                if (!workers.awaitTermination(settings.shutdownGraceMs(), TimeUnit.MILLISECONDS)) {
                    LOG.warnf("%d job(s) still running after the %d ms shutdown grace", busyWorkers,
                            settings.shutdownGraceMs());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
