package com.ytwhisper.client.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.JobsConfig;
import com.ytwhisper.client.runpod.RunpodCallException;
import com.ytwhisper.client.runpod.StreamResponse;

/**
 * Watches status files until every job has ended. On a terminal it redraws one live line per job
 * (state, elapsed, queue delay, stage and percent); otherwise it prints a line whenever a job
 * changes. Progress goes to stderr; the final result of each job (every result path) goes to
 * stdout. {@link #watch} also prints the transcript's cues as the endpoint streams them.
 */
class Waiter {

    private static final Logger LOG = Logger.getLogger(Waiter.class);

    /** Builds waiters with the shared parts; a command adds its writers. */
    @Singleton
    static class Factory {
        private final JobStore store;
        private final Polling polling;
        private final JobsConfig jobs;
        private final Endpoint endpoint;

        Factory(JobStore store, Polling polling, JobsConfig jobs, Endpoint endpoint) {
            this.store = store;
            this.polling = polling;
            this.jobs = jobs;
            this.endpoint = endpoint;
        }

        Waiter create(PrintWriter out, PrintWriter err, boolean json) {
            return new Waiter(this, out, err, json);
        }
    }

    private final Factory parts;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean live = System.console() != null;

    private Waiter(Factory parts, PrintWriter out, PrintWriter err, boolean json) {
        this.parts = parts;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Waits for {@code jobIds}; returns 0 when all are done, 1 when one failed, 3 after {@code timeout}. */
    int await(List<String> jobIds, Duration timeout) {
        return loop(jobIds, timeout, false);
    }

    /** Prints one job's cues as they arrive on stdout, then its result; exit codes as {@link #await}. */
    int watch(String jobId, Duration timeout) {
        return loop(List.of(jobId), timeout, true);
    }

    private int loop(List<String> jobIds, Duration timeout, boolean cues) {
        Instant deadline = timeout == null ? Instant.MAX : Instant.now().plus(timeout);
        Map<String, String> shown = new HashMap<>();
        boolean streaming = cues;
        int drawn = 0;
        Instant nextFollow = Instant.MIN;
        while (true) {
            if (Instant.now().isAfter(nextFollow)) {
                parts.polling.follow();
                nextFollow = Instant.now().plus(Duration.ofMillis(Math.min(parts.jobs.pollInterval().toMillis(), 1000)));
            }
            List<JobStatus> jobs = read(jobIds);
            if (streaming) {
                streaming = printCues(jobs.get(0));
            } else if (!cues) {
                drawn = live ? redraw(jobs, drawn) : printChanges(jobs, shown);
            }
            if (jobs.stream().noneMatch(j -> j.status().isActive())) {
                if (streaming) {
                    printCues(jobs.get(0)); // the last cues may arrive with the end
                }
                return finish(jobs);
            }
            if (Instant.now().isAfter(deadline)) {
                err.println("ytw wait: timed out after " + Durations.format(timeout) + "; still running: "
                        + String.join(" ", jobs.stream().filter(j -> j.status().isActive()).map(JobStatus::jobId).toList()));
                err.flush();
                return ExitCodes.WAIT_TIMED_OUT;
            }
            sleep(parts.jobs.waitRefresh());
        }
    }

    /** Prints the cues streamed since the last read; false when the endpoint cannot stream this job. */
    private boolean printCues(JobStatus job) {
        if (job.runpodJobId() == null) {
            return true;
        }
        StreamResponse answer;
        try {
            answer = parts.endpoint.client().stream(job.runpodJobId()).body();
        } catch (RunpodCallException e) {
            if (e.kind().isOutage()) {
                LOG.debugf("stream of %s: %s; trying again", job.jobId(), e.getMessage());
                return true;
            }
            err.println("ytw watch: the endpoint does not stream this job's transcript (" + e.getMessage()
                    + "); waiting for the result");
            err.flush();
            return false;
        }
        for (StreamResponse.Item item : answer.items()) {
            // the local API hands out one cue per item; on Runpod each item is one post, a list of cues
            JsonNode output = item.output();
            for (JsonNode piece : output != null && output.isArray() ? output : List.of(output)) {
                String cue = cue(piece);
                if (cue != null) {
                    out.println(cue);
                }
            }
        }
        out.flush();
        return true;
    }

    /** {@code [00:00:01.200 --> 00:00:03.400] text} for a streamed segment; null for anything else. */
    static String cue(JsonNode output) {
        if (output == null || !output.isObject() || !output.path("text").isTextual()) {
            return null;
        }
        return "[" + timestamp(output.path("start").asDouble()) + " --> " + timestamp(output.path("end").asDouble()) + "] "
                + output.path("text").asText().strip();
    }

    static String timestamp(double seconds) {
        long ms = Math.round(Math.max(0, seconds) * 1000);
        return String.format(Locale.ROOT, "%02d:%02d:%02d.%03d", ms / 3_600_000, ms / 60_000 % 60, ms / 1000 % 60, ms % 1000);
    }

    private List<JobStatus> read(List<String> jobIds) {
        List<JobStatus> jobs = new ArrayList<>();
        for (String id : jobIds) {
            Optional<JobStatus> job = parts.store.read(id);
            jobs.add(job.orElseThrow(() -> new ExitException(ExitCodes.USAGE, "unknown job " + id)));
        }
        return jobs;
    }

    private int finish(List<JobStatus> jobs) {
        boolean failed = false;
        for (JobStatus job : jobs) {
            failed |= job.status() != JobState.DONE;
            out.println(json ? parts.store.readRaw(job.jobId()).orElse("")
                    : job.jobId() + " " + job.status().json() + " "
                            + (job.status() == JobState.DONE ? String.join(" ", job.resultPaths()) : job.error()));
        }
        out.flush();
        return failed ? ExitCodes.JOB_ERROR : ExitCodes.OK;
    }

    private int redraw(List<JobStatus> jobs, int drawn) {
        StringBuilder screen = new StringBuilder();
        if (drawn > 0) {
            screen.append("\033[").append(drawn).append('A');
        }
        for (JobStatus job : jobs) {
            screen.append("\r\033[2K").append(line(job)).append('\n');
        }
        err.print(screen);
        err.flush();
        return jobs.size();
    }

    private int printChanges(List<JobStatus> jobs, Map<String, String> shown) {
        for (JobStatus job : jobs) {
            String key = job.status() + "|" + job.runpodStatus() + "|" + job.progress();
            if (!key.equals(shown.put(job.jobId(), key))) {
                err.println(line(job));
            }
        }
        err.flush();
        return 0;
    }

    static String line(JobStatus job) {
        StringBuilder line = new StringBuilder(job.jobId()).append("  ").append(job.status().json());
        if (job.runpodStatus() != null) {
            line.append("  ").append(job.runpodStatus());
        }
        if (job.submittedAt() != null) {
            line.append("  elapsed ").append(Durations.format(elapsed(job)));
        }
        if (job.delayMs() != null) {
            line.append("  queue ").append(Durations.format(Duration.ofMillis(job.delayMs())));
        }
        if (job.status().isActive() && job.progress() != null) {
            line.append("  ").append(job.progress());
        }
        return line.toString();
    }

    static Duration elapsed(JobStatus job) {
        Instant end = job.status().isActive() || job.updatedAt() == null ? Instant.now() : job.updatedAt();
        return Duration.between(job.submittedAt(), end);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ExitException(ExitCodes.WAIT_TIMED_OUT, "interrupted while waiting");
        }
    }
}
