package com.ytwhisper.worker.runpod.local;

/**
 * What {@code /health} answers (reference §3.4). Job counts are of the jobs the queue holds now
 * (finished ones until their retention ends); {@code failed} counts FAILED and TIMED_OUT,
 * {@code retried} the held jobs that were retried at least once.
 */
public record QueueHealth(Jobs jobs, Workers workers) {

    public record Jobs(int completed, int failed, int inProgress, int inQueue, int retried) {
    }

    /** {@code initializing}: workers that wait for the engine before they take jobs. */
    public record Workers(int idle, int running, int initializing) {
    }
}
