package com.ytwhisper.worker.sidecar;

import com.ytwhisper.worker.sidecar.SidecarProcess.Exited;
import com.ytwhisper.worker.sidecar.SidecarProcess.Output;
import com.ytwhisper.worker.sidecar.SidecarProcess.Received;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Cancelled;
import com.ytwhisper.worker.sidecar.SidecarProtocol.ErrorEvent;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Event;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Progress;
import com.ytwhisper.worker.sidecar.SidecarProtocol.Result;
import com.ytwhisper.worker.sidecar.SidecarProtocol.SegmentEvent;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import org.jboss.logging.Logger;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One job on a ready sidecar: sends the request, relays events to the listener until the job's
 * final event, and enforces the job's time limit and the cancel grace period. Whenever it leaves
 * with the sidecar possibly still busy on the job, it cancels the job there or replaces the sidecar.
 */
final class JobRun {

    private static final Logger LOG = Logger.getLogger(JobRun.class);

    /** Set by {@link Transcriber#cancel} on another thread; the run looks at it between events. */
    static final class CancelFlag {
        private volatile boolean set;

        void set() {
            set = true;
        }

        boolean isSet() {
            return set;
        }
    }

    private final SidecarProcess process;
    private final EngineInfo engine;
    private final String jobId;
    private final CancelFlag cancel;
    private final SidecarSettings settings;
    private final Consumer<SidecarProcess> replace;
    private final TranscriptionListener listener;
    private final List<Segment> segments = new ArrayList<>();
    private boolean cancelSent;
    private boolean finished; // the sidecar is no longer busy with this job

    JobRun(SidecarProcess process, EngineInfo engine, String jobId, CancelFlag cancel, SidecarSettings settings,
           Consumer<SidecarProcess> replace, TranscriptionListener listener) {
        this.process = process;
        this.engine = engine;
        this.jobId = jobId;
        this.cancel = cancel;
        this.settings = settings;
        this.replace = replace;
        this.listener = listener;
    }

    Transcript run(Path audioWav, TranscribeOptions options, double audioDurationS) throws InterruptedException {
        if (cancel.isSet()) {
            throw cancelled("job " + jobId + " was cancelled before it started");
        }
        Duration timeout = settings.jobTimeout(audioDurationS);
        long deadline = System.nanoTime() + timeout.toNanos();
        long cancelDeadline = Long.MAX_VALUE;
        try {
            send(SidecarProtocol.transcribe(jobId, audioWav, options));
            while (true) {
                long now = System.nanoTime();
                if (cancel.isSet() && !cancelSent) {
                    send(SidecarProtocol.cancel(jobId));
                    cancelSent = true;
                    cancelDeadline = now + settings.cancelGrace().toNanos();
                }
                if (now - cancelDeadline >= 0) {
                    restart();
                    throw cancelled("job " + jobId + " was cancelled; the sidecar did not stop within "
                            + settings.cancelGrace().toMillis() + " ms (WORKER_SIDECAR_CANCEL_GRACE_MS), so it was killed and restarted");
                }
                if (now - deadline >= 0) {
                    restart();
                    throw new SidecarException(SidecarException.SIDECAR_FAILED, "job " + jobId + " did not finish within "
                            + timeout.toMillis() + " ms (WORKER_TRANSCRIBE_TIMEOUT_FACTOR=" + settings.timeoutFactor() + " x "
                            + audioDurationS + " s of audio, at least WORKER_TRANSCRIBE_TIMEOUT_MIN_MS="
                            + settings.timeoutMin().toMillis() + "); the sidecar was killed and restarted");
                }
                long waitNanos = Math.min(Transcriber.POLL_SLICE.toNanos(), Math.min(deadline, cancelDeadline) - now);
                Transcript done = handle(process.poll(Duration.ofNanos(waitNanos)));
                if (done != null) {
                    return done;
                }
            }
        } finally {
            if (!finished) {
                stopJobInSidecar();
            }
        }
    }

    /** The transcript once the job is done, null while it runs; throws when it ends otherwise. */
    private Transcript handle(Output output) {
        if (output == null) {
            return null;
        }
        if (output instanceof Exited exited) {
            restart();
            if (cancelSent) {
                throw cancelled("job " + jobId + " was cancelled; the sidecar exited meanwhile and was restarted");
            }
            // Only facts about this job: the sidecar's stderr may hold other jobs' prompts and paths,
            // so its lines stay in the worker's log and never reach a job's error.
            throw new SidecarException(SidecarException.SIDECAR_FAILED, "the speech engine sidecar (pid " + process.pid()
                    + ") " + ExitStatus.describe(exited.exitCode()) + " during job " + jobId
                    + "; the job failed and the sidecar was restarted for the next one (its log lines are in the"
                    + " worker's log); submit the job again");
        }
        Event event = ((Received) output).event();
        if (event instanceof SegmentEvent segment && jobId.equals(segment.jobId())) {
            segments.add(segment.segment());
            listener.onSegment(segment.segment());
        } else if (event instanceof Progress progress && jobId.equals(progress.jobId())) {
            listener.onProgress(progress.decodedS(), progress.durationS());
        } else if (event instanceof Result result && jobId.equals(result.jobId())) {
            finished = true;
            if (cancelSent) {
                throw cancelled("job " + jobId + " was cancelled as it finished");
            }
            return new Transcript(new TranscriptInfo(result.language(), result.languageProbability(),
                    result.durationS(), engine.engine(), engine.model(), result.guards()), segments);
        } else if (event instanceof ErrorEvent error && jobId.equals(error.jobId())) {
            finished = true;
            throw new SidecarException(error.errorType(), "job " + jobId + " failed in the " + engine.engine()
                    + " engine (" + error.errorType() + "): " + error.message());
        } else if (event instanceof Cancelled cancelled && jobId.equals(cancelled.jobId())) {
            finished = true;
            throw cancelled("job " + jobId + " was cancelled");
        } else {
            LOG.warnf("job %s: ignoring a sidecar event that is not for it: %s", jobId, event);
        }
        return null;
    }

    private void send(String line) {
        try {
            process.send(line);
        } catch (SidecarException e) {
            restart();
            throw new SidecarException(SidecarException.SIDECAR_FAILED, e.getMessage()
                    + "; job " + jobId + " failed and the sidecar was restarted (its log lines are in the worker's log)", e);
        }
    }

    /** The caller left early (listener failure, interrupt): cancel the job there, or replace the sidecar. */
    private void stopJobInSidecar() {
        try {
            if (!cancelSent) {
                process.send(SidecarProtocol.cancel(jobId));
            }
            long deadline = System.nanoTime() + settings.cancelGrace().toNanos();
            while (System.nanoTime() - deadline < 0) {
                Output output = process.poll(Transcriber.POLL_SLICE);
                if (output instanceof Exited || output instanceof Received received && endsJob(received.event())) {
                    if (output instanceof Exited) {
                        restart();
                    }
                    return;
                }
            }
        } catch (SidecarException e) {
            // it stopped reading: replace it below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        restart();
    }

    private boolean endsJob(Event event) {
        return event instanceof Result r && jobId.equals(r.jobId())
                || event instanceof ErrorEvent e && jobId.equals(e.jobId())
                || event instanceof Cancelled c && jobId.equals(c.jobId());
    }

    private void restart() {
        finished = true;
        replace.accept(process);
    }

    private TranscriptionCancelledException cancelled(String message) {
        return new TranscriptionCancelledException(jobId, message);
    }
}
