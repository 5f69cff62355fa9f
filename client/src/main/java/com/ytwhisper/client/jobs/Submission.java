package com.ytwhisper.client.jobs;

import java.time.Clock;

import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.ytwhisper.client.runpod.RunResponse;
import com.ytwhisper.client.runpod.RunpodCallException;
import com.ytwhisper.client.runpod.RunpodCallException.Kind;
import com.ytwhisper.client.runpod.RunpodClient;
import com.ytwhisper.client.runpod.RunpodClient.Reply;

/**
 * Submits one job: claims a job id, writes {@code starting}, calls {@code /run} and writes
 * {@code running} with Runpod's id. A failed call is recorded as {@code error} and rethrown. When
 * the call may have reached Runpod (no answer, 5xx) the error says the outcome is unknown and how
 * to check; the job is never sent a second time from here.
 */
public class Submission {

    private final JobStore store;
    private final RawLog rawLog;
    private final JobId ids;
    private final Clock clock;

    public Submission(JobStore store, RawLog rawLog, JobId ids, Clock clock) {
        this.store = store;
        this.rawLog = rawLog;
        this.ids = ids;
        this.clock = clock;
    }

    /** Makes the audio available to the worker before submit ({@code --local-download}); returns its URL. */
    @FunctionalInterface
    public interface AudioSource {
        String stage(String jobId, String url);
    }

    /** Thrown after a failed submit has been recorded; carries the job and the call's failure. */
    public static class SubmitFailed extends RuntimeException {
        private final transient JobStatus job;

        SubmitFailed(JobStatus job, RuntimeException cause) {
            super(job.error(), cause);
            this.job = job;
        }

        public JobStatus job() {
            return job;
        }
    }

    public JobStatus submit(JobRequest request, RunpodClient client) {
        return submit(request, client, null);
    }

    /** Submits with the audio staged by {@code audio} first, when given. */
    public JobStatus submit(JobRequest request, RunpodClient client, AudioSource audio) {
        String jobId = store.reserve(ids, clock.instant());
        String requestId = request.requestId() != null ? request.requestId() : jobId;
        JobStatus job = JobStatus.starting(jobId, request.url(), requestId, request.s3Bucket(), request.s3KeyPrefix(),
                clock.instant());
        store.write(job);
        String audioUrl = null;
        if (audio != null) {
            try {
                audioUrl = audio.stage(jobId, request.url());
            } catch (RuntimeException e) {
                throw failed(job.failed("submit failed: " + e.getMessage(), null, clock.instant()), e);
            }
        }
        try {
            Reply<RunResponse> reply = client.run(request.toRunRequest(requestId, audioUrl));
            rawLog.append(jobId, clock.instant(), "POST /run", "200", reply.raw());
            RunResponse answer = reply.body();
            if (answer.id() == null || answer.id().isBlank()) {
                throw failed(job.failed("submit outcome unknown: /run answered without a job id: " + reply.raw()
                        + howToCheck(requestId), null, clock.instant()), null);
            }
            JobStatus running = job.running(answer.id(), answer.status(), null, null, null, clock.instant());
            store.write(running);
            return running;
        } catch (RunpodCallException e) {
            rawLog.append(jobId, clock.instant(), "POST /run", outcome(e), e.body() != null ? e.body() : e.getMessage());
            String reason = outcomeUnknown(e.kind())
                    ? "submit outcome unknown: " + e.getMessage() + howToCheck(requestId)
                    : "submit failed: " + e.getMessage();
            throw failed(job.failed(reason, null, clock.instant()), e);
        } catch (TimeoutException e) {
            rawLog.append(jobId, clock.instant(), "POST /run", "ERR", "no answer within the submit timeout");
            throw failed(job.failed("submit outcome unknown: no answer within the submit timeout (RUNPOD_SUBMIT_TIMEOUT_MS)"
                    + howToCheck(requestId), null, clock.instant()), e);
        }
    }

    private SubmitFailed failed(JobStatus job, RuntimeException cause) {
        store.write(job);
        return new SubmitFailed(job, cause);
    }

    /** The request may have been accepted even though no usable answer came back. */
    static boolean outcomeUnknown(Kind kind) {
        return kind == Kind.NO_ANSWER || kind == Kind.SERVER_ERROR;
    }

    static String outcome(RunpodCallException e) {
        return e.httpStatus() > 0 ? String.valueOf(e.httpStatus()) : "ERR";
    }

    private static String howToCheck(String requestId) {
        return ". The job may still be queued on Runpod: look for request_id " + requestId
                + " in the endpoint's Requests tab of the Runpod console before submitting again "
                + "(ytw submit --request-id " + requestId + " URL keeps the same output name)";
    }
}
