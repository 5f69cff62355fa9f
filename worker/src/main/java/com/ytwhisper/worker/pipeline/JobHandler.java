package com.ytwhisper.worker.pipeline;

/**
 * The seam between the Runpod protocol and the work itself. The protocol side ({@code runpod})
 * calls it; nothing in this package knows about Runpod.
 */
public interface JobHandler {

    /**
     * Blocks until the engine can take jobs. A thrown exception is a fatal start-up error: the
     * worker reports itself unhealthy and exits non-zero.
     */
    void awaitReady();

    /**
     * Runs one job on a worker thread. A thrown exception becomes the Runpod error object; a
     * returned {@link JobResult} is sent as it is.
     */
    JobResult handle(Job job, ProgressSink progress, Cancellation cancel);
}
