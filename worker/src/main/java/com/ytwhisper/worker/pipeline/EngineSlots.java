package com.ytwhisper.worker.pipeline;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Keeps the GPU busy without piling up downloads: one job transcribes while at most one more
 * downloads or waits for the engine; any further job waits before it downloads anything.
 *
 * <p>The worker's one queue for the engine: the {@code Transcriber} does not queue, it only refuses
 * a second job while one runs. A job holds the engine from its transcription through its
 * translation, reports each wait, and leaves a wait when cancelled (checked every {@link #POLL_MS}).
 */
final class EngineSlots {

    private static final long POLL_MS = 100;

    private final Semaphore preparing = new Semaphore(2, true);
    private final Semaphore engine = new Semaphore(1, true);

    /** Waits for a place in the download-then-transcribe line; reports {@code queued} while waiting. */
    void enterLine(ProgressSink progress, Cancellation cancel) throws InterruptedException {
        acquire(preparing, ProgressSink.Stage.QUEUED, progress, cancel);
    }

    void leaveLine() {
        preparing.release();
    }

    /** Waits for the engine; reports {@code waiting_for_engine} while another job has it. */
    void takeEngine(ProgressSink progress, Cancellation cancel) throws InterruptedException {
        acquire(engine, ProgressSink.Stage.WAITING_FOR_ENGINE, progress, cancel);
    }

    void releaseEngine() {
        engine.release();
    }

    private static void acquire(Semaphore s, ProgressSink.Stage waiting, ProgressSink progress, Cancellation cancel)
            throws InterruptedException {
        if (s.tryAcquire()) {
            return;
        }
        progress.report(waiting, null);
        while (!s.tryAcquire(POLL_MS, TimeUnit.MILLISECONDS)) {
            cancel.throwIfCancelled();
        }
    }
}
