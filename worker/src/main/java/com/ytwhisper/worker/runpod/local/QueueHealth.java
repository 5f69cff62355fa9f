package com.ytwhisper.worker.runpod.local;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.Collection;

/**
 * What {@code /health} answers (docs/runpod-protocol.md §3.4). Job counts are of the jobs the queue
 * holds now (finished ones until their retention ends); {@code failed} counts FAILED and TIMED_OUT,
 * {@code retried} the held jobs that were retried at least once.
 */
@RegisterForReflection
public record QueueHealth(Jobs jobs, Workers workers) {

    /** Counts {@code jobs}; {@code busy} workers are inside the handler, none runs before the engine is ready. */
    static QueueHealth of(Collection<LocalJob> jobs, int workers, int busy, boolean started) {
        int[] count = new int[LocalJobState.values().length];
        int retried = 0;
        for (LocalJob job : jobs) {
            count[job.state.ordinal()]++;
            retried += job.retries > 0 ? 1 : 0;
        }
        Jobs jobCounts = new Jobs(count[LocalJobState.COMPLETED.ordinal()],
                count[LocalJobState.FAILED.ordinal()] + count[LocalJobState.TIMED_OUT.ordinal()],
                count[LocalJobState.IN_PROGRESS.ordinal()], count[LocalJobState.IN_QUEUE.ordinal()], retried);
        return new QueueHealth(jobCounts, started ? Workers.started(workers - busy, busy) : Workers.starting(workers));
    }

    @RegisterForReflection
    public record Jobs(int completed, int failed, int inProgress, int inQueue, int retried) {
    }

    /**
     * The five counters the Runpod SDKs know. {@code initializing}: workers that wait for the engine
     * before they take jobs; {@code ready}: workers that would take a job now (the idle ones);
     * {@code throttled}: always 0 here (the cloud counts workers held back by GPU supply).
     */
    @RegisterForReflection
    public record Workers(int idle, int running, int initializing, int ready, int throttled) {

        static Workers started(int idle, int running) {
            return new Workers(idle, running, 0, idle, 0);
        }

        static Workers starting(int workers) {
            return new Workers(0, 0, workers, 0, 0);
        }
    }
}
