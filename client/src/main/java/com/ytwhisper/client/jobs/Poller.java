package com.ytwhisper.client.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.eclipse.microprofile.faulttolerance.exceptions.CircuitBreakerOpenException;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;
import org.jboss.logging.Logger;

import com.ytwhisper.client.runpod.RunpodCallException;
import com.ytwhisper.client.runpod.RunpodClient.Reply;
import com.ytwhisper.client.runpod.StatusResponse;

/**
 * The shared background poller: every {@code interval} it asks Runpod for the status of each
 * active job, appends the raw answer to the job's log and rewrites the status file. It returns when
 * no job is active. One process runs it at a time ({@link PollerLock}).
 */
public class Poller {

    private static final Logger LOG = Logger.getLogger(Poller.class);

    /**
     * @param interval time between two rounds
     * @param staleStarting a job still {@code starting} this long after submit lost its submitter
     */
    public record Settings(Duration interval, Duration staleStarting) {
    }

    /** What decides, after a 404, whether the result is still there (the S3 check). */
    @FunctionalInterface
    public interface ExpiryCheck {
        JobStatus whenNotFound(JobStatus job, Instant now);
    }

    private final JobStore store;
    private final RawLog rawLog;
    private final StatusSource source;
    private final ExpiryCheck expiryCheck;
    private final Clock clock;
    private final Settings settings;

    public Poller(JobStore store, RawLog rawLog, StatusSource source, ExpiryCheck expiryCheck, Clock clock,
            Settings settings) {
        this.store = store;
        this.rawLog = rawLog;
        this.source = source;
        this.expiryCheck = expiryCheck;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * Polls until no job is active, then gives the lock back. Before leaving it looks once more
     * after releasing the lock: a job submitted in between is then either seen here or its
     * submitter sees the lock free and starts a new poller.
     */
    public void run(PollerLock lock) throws InterruptedException {
        PollerLock held = lock;
        while (true) {
            Instant round = clock.instant();
            if (pollOnce() > 0) {
                pause(round);
                continue;
            }
            held.close();
            if (store.active().isEmpty()) {
                return;
            }
            var again = PollerLock.acquire(PollerLock.file(store));
            if (again.isEmpty()) {
                return; // a newer poller took over
            }
            held = again.get();
        }
    }

    /**
     * Waits until the next round: soon after a submit (a job leaves the queue in milliseconds when a
     * worker is idle), then longer as the youngest job ages, up to the interval. A job submitted
     * meanwhile ends the wait early.
     */
    private void pause(Instant round) throws InterruptedException {
        Instant roundEnd = clock.instant(); // the pause starts when the round ends, as a plain sleep did
        Instant until = roundEnd.plus(nextDelay(settings.interval(), youngestAge(roundEnd)));
        long slice = Math.min(1000, settings.interval().toMillis());
        while (clock.instant().isBefore(until)) {
            Thread.sleep(Math.max(1, Math.min(slice, Duration.between(clock.instant(), until).toMillis())));
            if (store.active().stream().anyMatch(j -> j.submittedAt() != null && j.submittedAt().isAfter(round))) {
                return;
            }
        }
    }

    private Duration youngestAge(Instant now) {
        return store.active().stream().map(JobStatus::submittedAt).filter(java.util.Objects::nonNull)
                .map(submitted -> Duration.between(submitted, now)).min(Duration::compareTo).orElse(settings.interval());
    }

    /** 1 s while the youngest job is under 2 s old, then half its age, at most {@code interval}. */
    static Duration nextDelay(Duration interval, Duration youngestAge) {
        long ms = Math.max(1000, youngestAge.toMillis() / 2);
        return Duration.ofMillis(Math.min(interval.toMillis(), ms));
    }

    /** One round over the active jobs; returns how many are still active afterwards. */
    public int pollOnce() {
        List<JobStatus> active = store.active();
        int stillActive = 0;
        for (JobStatus job : active) {
            try {
                JobStatus next = poll(job);
                if (next != job) {
                    store.replace(job, next);
                }
                if (next.status().isActive()) {
                    stillActive++;
                }
            } catch (CircuitBreakerOpenException e) {
                LOG.warnf("Endpoint API keeps failing; circuit open, next try in a later round");
                return active.size();
            }
        }
        return stillActive;
    }

    private JobStatus poll(JobStatus job) {
        Instant now = clock.instant();
        if (job.runpodJobId() == null) {
            return staleStarting(job, now);
        }
        String call = "GET /status/" + job.runpodJobId();
        try {
            Reply<StatusResponse> reply = source.fetch(job.runpodJobId());
            rawLog.append(job.jobId(), clock.instant(), call, "200", reply.raw());
            return StatusMapping.apply(job, reply.body(), clock.instant());
        } catch (RunpodCallException e) {
            rawLog.append(job.jobId(), clock.instant(), call, Submission.outcome(e),
                    e.body() != null ? e.body() : e.getMessage());
            return switch (e.kind()) {
                case NOT_FOUND -> expiryCheck.whenNotFound(job, clock.instant());
                case KEY_REJECTED -> job.failed("RUNPOD_API_KEY was rejected while polling (HTTP " + e.httpStatus()
                        + "); set a valid key, then run `ytw resume` to track this job again", null, clock.instant());
                case REJECTED -> job.failed("the status call was rejected (" + e.getMessage()
                        + "); run `ytw resume` to try again", null, clock.instant());
                default -> {
                    LOG.warnf("Job %s: %s; trying again next round", job.jobId(), e.getMessage());
                    yield job;
                }
            };
        } catch (TimeoutException e) {
            rawLog.append(job.jobId(), clock.instant(), call, "ERR", "no answer within RUNPOD_CALL_TIMEOUT_MS");
            return job;
        }
    }

    private JobStatus staleStarting(JobStatus job, Instant now) {
        if (job.submittedAt() != null && job.submittedAt().plus(settings.staleStarting()).isAfter(now)) {
            return job; // its submitter is still at work
        }
        return job.failed("submit outcome unknown: the submitting process stopped before it recorded Runpod's job "
                + "id. The job may still be queued on Runpod: look for request_id " + job.requestId()
                + " in the endpoint's Requests tab of the Runpod console before submitting again", null, now);
    }
}
