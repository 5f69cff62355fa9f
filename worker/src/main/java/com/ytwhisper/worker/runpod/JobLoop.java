package com.ytwhisper.worker.runpod;

import com.ytwhisper.worker.shared.DaemonThreads;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.pipeline.ProgressSink;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The take loop (docs/runpod-protocol.md §1.6, §1.14, §1.16): asks for as many jobs as there are
 * free slots, runs each on a worker thread, posts its one final result, and on shutdown stops
 * taking, lets running jobs finish within the grace period and answers for the ones that do not.
 */
public final class JobLoop {

    private static final Logger LOG = Logger.getLogger(JobLoop.class);
    /**
     * How long a job's final result waits for a progress post still on the wire: a normal one
     * answers in milliseconds; a hung one is left behind rather than holding the result back.
     */
    private static final Duration PROGRESS_SETTLE = Duration.ofMillis(500);

    private final LoopSettings settings;
    private final JobTaker taker;
    private final ResultSender sender;
    private final HandlerInvoker invoker;
    private final JobsInProgress jobs;
    private final Outbox outbox;
    private final StreamSender streams;
    private final ExecutorService workers;
    private final ScheduledExecutorService progressThreads;
    private final CountDownLatch shutdown = new CountDownLatch(1);
    private volatile long shutdownAtNanos;

    JobLoop(LoopSettings settings, JobTaker taker, ResultSender sender, HandlerInvoker invoker, JobsInProgress jobs,
            Outbox outbox) {
        this(settings, taker, sender, invoker, jobs, outbox, null);
    }

    /** @param streams job-stream for transcript pieces, or null when the worker does not stream */
    JobLoop(LoopSettings settings, JobTaker taker, ResultSender sender, HandlerInvoker invoker, JobsInProgress jobs,
            Outbox outbox, StreamSender streams) {
        this.streams = streams;
        this.outbox = outbox;
        this.settings = settings;
        this.taker = taker;
        this.sender = sender;
        this.invoker = invoker;
        this.jobs = jobs;
        this.workers = Executors.newFixedThreadPool(settings.concurrency(), DaemonThreads.named("job-worker"));
        this.progressThreads = Executors.newScheduledThreadPool(2, DaemonThreads.named("job-progress"));
        outbox.onDelivered(this::afterDelivered);
    }

    /** Asks the loop to stop taking jobs and drain; safe to call from a signal handler. */
    public void requestShutdown() {
        if (shutdown.getCount() > 0) {
            shutdownAtNanos = System.nanoTime();
            shutdown.countDown();
        }
    }

    boolean shuttingDown() {
        return shutdown.getCount() == 0;
    }

    /** Runs until {@link #requestShutdown()} and the drain that follows are done. */
    public void run() throws InterruptedException {
        Backoff backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        while (!shuttingDown()) {
            int free = settings.concurrency() - jobs.size();
            if (free <= 0) {
                jobs.awaitFewerThan(settings.concurrency(), 500);
                continue;
            }
            long started = System.nanoTime();
            JobTaker.Outcome outcome = taker.take(free, jobs.size() > 0, this::shuttingDown);
            Duration pause = Duration.ZERO;
            if (outcome instanceof JobTaker.Jobs taken) {
                backoff.reset();
                taken.jobs().forEach(this::start);
            } else if (outcome instanceof JobTaker.NoJob) {
                backoff.reset();
                // The platform normally holds an empty take open; one that returns at once gets a
                // short pause so the loop never spins.
                if (System.nanoTime() - started < settings.backoffMin().toNanos()) {
                    pause = settings.backoffMin();
                }
            } else if (outcome instanceof JobTaker.Throttled) {
                pause = settings.throttleWait();
            } else if (outcome instanceof JobTaker.Failed failed) {
                pause = backoff.next();
                LOG.warnf("job-take failed (%s); asking again in %d ms", failed.reason(), pause.toMillis());
            }
            if (!pause.isZero()) {
                shutdown.await(pause.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        drain();
    }

    private void start(JobTaker.TakenJob job) {
        JobsInProgress.Held held = jobs.add(job.id(), HandlerInvoker.requestId(job.id(), job.input()));
        LOG.infof("took job %s", job.id());
        workers.execute(() -> runJob(job, held));
    }

    private void runJob(JobTaker.TakenJob job, JobsInProgress.Held held) {
        MDC.put("requestId", job.id());
        try {
            ObjectNode body;
            try (JobProgress progress = new JobProgress(job.id(), settings.progressInterval(), progressThreads,
                    sender::progress, PROGRESS_SETTLE,
                    streams == null ? null : streams.open(job.id(), progressThreads))) {
                progress.report(ProgressSink.Stage.QUEUED, null);
                body = invoker.run(job.id(), job.input(), progress, held.cancellation());
            }
            if (held.answered().compareAndSet(false, true)) {
                deliver(job.id(), body, this::pastShutdownGrace);
            } else {
                LOG.warnf("job %s finished after its shutdown error was sent; its result is dropped", job.id());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            jobs.remove(job.id());
            MDC.remove("requestId");
        }
    }

    /**
     * Writes the body to the outbox, then posts it until the platform answers, the delivery
     * budget is spent or {@code stop} says so; a result not taken stays in the outbox, whose
     * background loop (or the next worker on the same state folder) delivers it.
     */
    private void deliver(String jobId, ObjectNode body, BooleanSupplier stop) throws InterruptedException {
        boolean written = outbox.write(jobId, body);
        ResultSender.Outcome outcome;
        try {
            outcome = sender.deliver(jobId, body, stop);
        } catch (InterruptedException | RuntimeException e) {
            outbox.handOver(jobId, body, written);
            throw e;
        }
        switch (outcome) {
            case DELIVERED -> LOG.infof("job %s %s; result delivered", jobId, body.has("error") ? "failed" : "done");
            case REPLACED -> LOG.infof("job %s: result refused by the platform; an error was delivered instead", jobId);
            case GAVE_UP -> outbox.handOver(jobId, body, written);
            case REFUSED -> LOG.errorf("job %s: no result could be delivered", jobId);
        }
        if (outcome != ResultSender.Outcome.GAVE_UP) {
            outbox.done(jobId);
            afterDelivered(body);
        }
    }

    /**
     * A result carrying {@code stopPod} asks the platform for a fresh worker: as the SDK does,
     * this one takes no further job once it is delivered and stops as on SIGTERM.
     */
    private void afterDelivered(ObjectNode body) {
        if (body.path("stopPod").asBoolean(false) && !shuttingDown()) {
            LOG.info("a result asking for a fresh worker (stopPod, WORKER_REFRESH_AFTER_JOB) was delivered; "
                    + "no more jobs are taken and the worker stops");
            requestShutdown();
        }
    }

    /** After SIGTERM, retries of results stop when the grace period ends; they stay in the outbox. */
    private boolean pastShutdownGrace() {
        return shuttingDown() && System.nanoTime() - shutdownAtNanos > settings.shutdownGrace().toNanos();
    }

    private void drain() throws InterruptedException {
        int held = jobs.size();
        LOG.infof("shutting down: no more jobs are taken; %d job(s) held", held);
        workers.shutdown();
        long left = settings.shutdownGrace().toNanos() - (System.nanoTime() - shutdownAtNanos);
        if (workers.awaitTermination(Math.max(0, left), TimeUnit.NANOSECONDS)) {
            progressThreads.shutdownNow();
            return;
        }
        int late = 0;
        for (JobsInProgress.Held job : jobs.all()) {
            job.cancellation().cancel("worker shutting down");
            if (job.answered().compareAndSet(false, true)) {
                late++;
                ObjectNode body = invoker.error("worker shutting down: the job was still running when the "
                        + settings.shutdownGrace().toMillis() + " ms shutdown grace period ended; submit it again",
                        job.requestId());
                deliver(job.id(), body, () -> true); // one try each; what fails waits in the outbox
                jobs.remove(job.id());
            }
        }
        LOG.warnf("shutdown grace period over: %d job(s) answered with a shutdown error", late);
        // Results on the wire get their request timeout to finish (cutting one off could make the
        // next worker send an accepted result again); their senders try no more after that.
        // Handlers that ignore their cancellation are not waited for: their jobs have been answered.
        jobs.awaitFewerThan(1, settings.requestTimeout().plusSeconds(1).toMillis());
        progressThreads.shutdownNow();
    }
}
