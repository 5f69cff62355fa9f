package com.ytwhisper.worker.sidecar;

import com.ytwhisper.worker.sidecar.SidecarProcess.Exited;
import com.ytwhisper.worker.sidecar.SidecarProcess.Output;
import com.ytwhisper.worker.sidecar.SidecarProcess.Received;
import com.ytwhisper.worker.sidecar.SidecarProtocol.ErrorEvent;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Ready;
import com.ytwhisper.worker.transcript.Transcript;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The speech engine as the worker sees it: one long-lived sidecar process with the model loaded,
 * one job at a time, cancel from any thread, and a fresh sidecar after a crash, a timeout or a
 * cancel the sidecar did not honour in time.
 *
 * <p>Callers queue for the engine before they call {@link #transcribe} (the pipeline's
 * {@code EngineSlots}, which also reports the wait and honours a cancel while waiting); this class
 * only refuses a second job that arrives while one runs, since two jobs would share one sidecar.
 */
@ApplicationScoped
public class Transcriber implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Transcriber.class);
    /** How often a running job looks at its cancel flag between sidecar events. */
    static final Duration POLL_SLICE = Duration.ofMillis(100);

    private final SidecarSettings settings;
    private final AtomicReference<String> runningJob = new AtomicReference<>();
    private final Map<String, JobRun.CancelFlag> jobs = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private SidecarProcess process; // guarded by lifecycle
    private EngineInfo engine; // guarded by lifecycle; null until the current process said ready
    private boolean closed; // guarded by lifecycle

    @Inject
    public Transcriber(SidecarConfig config) {
        this(SidecarSettings.from(config));
    }

    public Transcriber(SidecarSettings settings) {
        this.settings = settings;
    }

    /** Starts the sidecar if it is not running and waits until its engine has loaded. */
    public EngineInfo awaitReady() {
        synchronized (lifecycle) {
            return ensureReady();
        }
    }

    /**
     * Transcribes one WAV file, blocking until it is done; segments reach {@code listener} as they
     * are decoded.
     *
     * @throws TranscriptionCancelledException when {@link #cancel} was called for {@code jobId}
     * @throws SidecarException                when the engine refused or failed the job, the sidecar
     *                                         crashed, or the job ran past its time limit
     * @throws IllegalStateException           when another job is being transcribed (callers queue first)
     */
    public Transcript transcribe(String jobId, Path audioWav, TranscribeOptions options, double audioDurationS,
                                 TranscriptionListener listener) {
        JobRun.CancelFlag cancel = new JobRun.CancelFlag();
        if (jobs.putIfAbsent(jobId, cancel) != null) {
            throw new IllegalArgumentException("job " + jobId + " is already being transcribed");
        }
        try {
            if (!runningJob.compareAndSet(null, jobId)) {
                throw new IllegalStateException("job " + jobId + " came while job " + runningJob.get()
                        + " is being transcribed; callers take the engine one job at a time (EngineSlots)");
            }
            try {
                SidecarProcess ready;
                EngineInfo info;
                synchronized (lifecycle) {
                    info = ensureReady();
                    ready = process;
                }
                return new JobRun(ready, info, jobId, cancel, settings, this::replace, listener)
                        .run(audioWav, options, audioDurationS);
            } finally {
                runningJob.set(null);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TranscriptionCancelledException(jobId, "job " + jobId + ": the transcribing thread was interrupted");
        } finally {
            jobs.remove(jobId, cancel);
        }
    }

    /** Cancels the running job; returns at once. Unknown job ids are ignored. */
    public void cancel(String jobId) {
        JobRun.CancelFlag cancel = jobs.get(jobId);
        if (cancel == null) {
            LOG.debugf("cancel: job %s is not running", jobId);
            return;
        }
        LOG.infof("cancelling job %s", jobId);
        cancel.set();
    }

    /** Asks the sidecar to exit, then kills it after the cancel grace period. */
    @PreDestroy
    @Override
    public void close() {
        SidecarProcess stopping;
        synchronized (lifecycle) {
            closed = true;
            stopping = process;
            process = null;
            engine = null;
        }
        if (stopping != null) {
            stopping.shutdown(settings.cancelGrace());
        }
    }

    /** The running sidecar's process id, if one runs. */
    OptionalLong sidecarPid() {
        synchronized (lifecycle) {
            return process != null && process.isAlive() ? OptionalLong.of(process.pid()) : OptionalLong.empty();
        }
    }

    /** Holding {@code lifecycle}: a live sidecar whose engine has loaded. */
    private EngineInfo ensureReady() {
        if (closed) {
            throw new IllegalStateException("the transcriber is closed");
        }
        if (process == null || !process.isAlive()) {
            if (process != null) {
                LOG.warnf("the speech engine sidecar (pid %d) is gone; starting a new one", process.pid());
            }
            SidecarProcess early = process == null ? EarlyStart.adopt(settings) : null;
            process = early != null ? early : SidecarProcess.start(settings);
            engine = null;
        }
        if (engine == null) {
            engine = awaitReadyEvent(process);
        }
        return engine;
    }

    private EngineInfo awaitReadyEvent(SidecarProcess starting) {
        long deadline = System.nanoTime() + settings.startTimeout().toNanos();
        try {
            while (true) {
                long leftNanos = deadline - System.nanoTime();
                if (leftNanos <= 0) {
                    starting.kill();
                    throw new SidecarException(SidecarException.SIDECAR_FAILED, "the speech engine sidecar did not report ready within "
                            + settings.startTimeout().toMillis() + " ms (WORKER_SIDECAR_START_TIMEOUT_MS); it was killed. Its last log lines:\n"
                            + starting.recentStderr());
                }
                Output output = starting.poll(Duration.ofNanos(leftNanos));
                if (output instanceof Received received && received.event() instanceof Ready ready) {
                    EngineInfo info = ready.engine();
                    LOG.infof("speech engine ready: %s, model %s on %s (%s), loaded in %.1f s",
                            info.engine(), info.model(), info.device(), info.computeType(), info.loadSeconds());
                    return info;
                }
                if (output instanceof Received received && received.event() instanceof ErrorEvent error) {
                    starting.kill();
                    throw new SidecarException(error.errorType(), "the speech engine did not load (WORKER_ENGINE="
                            + settings.engine() + "): " + error.message());
                }
                if (output instanceof Exited exited) {
                    throw new SidecarException(SidecarException.SIDECAR_FAILED, "the speech engine sidecar exited with code "
                            + exited.exitCode() + " before it was ready. Its last log lines:\n" + starting.recentStderr());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            starting.kill();
            throw new SidecarException(SidecarException.SIDECAR_FAILED, "interrupted while the speech engine was loading", e);
        }
    }

    /** Kills {@code failed} and starts its successor, unless it was already replaced or we are closing. */
    private void replace(SidecarProcess failed) {
        failed.kill();
        synchronized (lifecycle) {
            if (process != failed || closed) {
                return;
            }
            engine = null;
            try {
                process = SidecarProcess.start(settings); // loads while nobody waits; the next job finds it ready
            } catch (SidecarException e) {
                process = null;
                LOG.errorf("could not restart the speech engine sidecar: %s", e.getMessage());
            }
        }
    }
}
