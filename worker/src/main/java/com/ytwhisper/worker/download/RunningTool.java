package com.ytwhisper.worker.download;

import com.ytwhisper.worker.process.ChildProcesses;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running yt-dlp or ffmpeg whose end gives a {@code T}. {@link #await()} blocks for it;
 * {@link #cancel()} (from any thread) ends the whole process tree at once.
 */
public class RunningTool<T> {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** Turns the ended process into the result, or throws the clear error for its failure. */
    @FunctionalInterface
    interface Finisher<T> {
        T finish(int exitCode);
    }

    private final Process process;
    private final Duration timeout;
    private final DownloadException onTimeout;
    private final Finisher<T> finisher;
    private final Runnable cleanup;
    private final AtomicBoolean finished = new AtomicBoolean();
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private volatile DownloadException abortReason;

    RunningTool(Process process, Duration timeout, DownloadException onTimeout, Finisher<T> finisher, Runnable cleanup) {
        this.process = process;
        this.timeout = timeout;
        this.onTimeout = onTimeout;
        this.finisher = finisher;
        this.cleanup = cleanup;
    }

    /**
     * Waits for the result. Throws {@link DownloadCancelledException} after {@link #cancel()}, and
     * a {@link DownloadException} naming the limit or cause otherwise. Call once.
     */
    public T await() {
        if (!finished.compareAndSet(false, true)) {
            throw new IllegalStateException("await() was already called");
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                abort(onTimeout);
            }
            process.waitFor();
            DownloadException why = abortReason;
            if (why != null) {
                throw why;
            }
            return finisher.finish(process.exitValue());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel();
            throw new DownloadCancelledException();
        } finally {
            ChildProcesses.killTree(process.toHandle(), KILL_WAIT);
            cleanUp();
        }
    }

    /**
     * Ends the process and its children now and releases the run's resources (its egress guard);
     * {@link #await()} then throws {@link DownloadCancelledException}. Safe from any thread, any time.
     */
    public void cancel() {
        abort(new DownloadCancelledException());
        cleanUp();
    }

    private void cleanUp() {
        if (cleanedUp.compareAndSet(false, true)) {
            cleanup.run();
        }
    }

    /** Stops the run because of {@code why}, which {@link #await()} then throws. The first reason wins. */
    void abort(DownloadException why) {
        synchronized (this) {
            if (abortReason == null) {
                abortReason = why;
            }
        }
        ChildProcesses.killTree(process.toHandle(), KILL_WAIT);
    }

    /** The process id of the main process (yt-dlp or ffmpeg). */
    public long pid() {
        return process.pid();
    }
}
