package com.ytwhisper.worker.download;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A running {@code yt-dlp -J}: {@link #await()} blocks for the info JSON file, {@link #cancel()}
 * (from any thread) ends the process tree at once. Ends the same way as {@link AudioTask}.
 */
public final class MetadataProbe {

    private static final Duration KILL_WAIT = Duration.ofSeconds(5);

    /** Turns the ended process into the info JSON file, or throws the clear error for its failure. */
    @FunctionalInterface
    interface Finisher {
        Path finish(int exitCode);
    }

    private final Process process;
    private final Duration timeout;
    private final DownloadException onTimeout;
    private final Finisher finisher;
    private final Runnable cleanup;
    private final AtomicBoolean cleanedUp = new AtomicBoolean();
    private volatile DownloadException abortReason;

    MetadataProbe(Process process, Duration timeout, DownloadException onTimeout, Finisher finisher, Runnable cleanup) {
        this.process = process;
        this.timeout = timeout;
        this.onTimeout = onTimeout;
        this.finisher = finisher;
        this.cleanup = cleanup;
    }

    /**
     * Waits for the info JSON. Throws {@link DownloadCancelledException} after {@link #cancel()}, and
     * a {@link DownloadException} naming the cause (yt-dlp's error, explained) otherwise.
     */
    public Path await() {
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
            ProcessTree.kill(process.toHandle(), KILL_WAIT);
            cleanUp();
        }
    }

    /** Ends the probe now; {@link #await()} then throws {@link DownloadCancelledException}. */
    public void cancel() {
        abort(new DownloadCancelledException());
        cleanUp();
    }

    private void cleanUp() {
        if (cleanedUp.compareAndSet(false, true)) {
            cleanup.run();
        }
    }

    void abort(DownloadException why) {
        synchronized (this) {
            if (abortReason == null) {
                abortReason = why;
            }
        }
        ProcessTree.kill(process.toHandle(), KILL_WAIT);
    }
}
