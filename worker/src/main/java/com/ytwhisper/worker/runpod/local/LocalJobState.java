package com.ytwhisper.worker.runpod.local;

/** Job states as the cloud endpoint API names them (docs/runpod-protocol.md §3.5). */
public enum LocalJobState {
    IN_QUEUE, IN_PROGRESS, COMPLETED, FAILED, CANCELLED, TIMED_OUT;

    public boolean terminal() {
        return this != IN_QUEUE && this != IN_PROGRESS;
    }

    /** FAILED and TIMED_OUT jobs may be retried (docs/runpod-protocol.md §3.2). */
    public boolean retryable() {
        return this == FAILED || this == TIMED_OUT;
    }
}
