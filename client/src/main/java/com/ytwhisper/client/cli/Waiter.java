package com.ytwhisper.client.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.JobStatus;

/**
 * Watches status files until every job has ended. On a terminal it redraws one live line per job
 * (state, elapsed, queue delay, stage and percent); otherwise it prints a line whenever a job
 * changes. Progress goes to stderr; the final result of each job goes to stdout.
 */
class Waiter {

    private final ClientContext context;
    private final PrintWriter out;
    private final PrintWriter err;
    private final boolean json;
    private final boolean live = System.console() != null;

    Waiter(ClientContext context, PrintWriter out, PrintWriter err, boolean json) {
        this.context = context;
        this.out = out;
        this.err = err;
        this.json = json;
    }

    /** Waits for {@code jobIds}; returns 0 when all are done, 1 when one failed, 3 after {@code timeout}. */
    int await(List<String> jobIds, Duration timeout) {
        Instant deadline = timeout == null ? Instant.MAX : Instant.now().plus(timeout);
        Map<String, String> shown = new HashMap<>();
        int drawn = 0;
        Instant nextPollerCheck = Instant.MIN;
        while (true) {
            List<JobStatus> jobs = read(jobIds);
            if (Instant.now().isAfter(nextPollerCheck)) {
                context.keepPolling();
                nextPollerCheck = Instant.now().plus(context.jobs().pollInterval());
            }
            drawn = live ? redraw(jobs, drawn) : printChanges(jobs, shown);
            if (jobs.stream().noneMatch(j -> j.status().isActive())) {
                return finish(jobs);
            }
            if (Instant.now().isAfter(deadline)) {
                err.println("ytw wait: timed out after " + Durations.format(timeout) + "; still running: "
                        + String.join(" ", jobs.stream().filter(j -> j.status().isActive()).map(JobStatus::jobId).toList()));
                err.flush();
                return ExitCodes.WAIT_TIMED_OUT;
            }
            sleep(context.jobs().waitRefresh());
        }
    }

    private List<JobStatus> read(List<String> jobIds) {
        List<JobStatus> jobs = new ArrayList<>();
        for (String id : jobIds) {
            Optional<JobStatus> job = context.store().read(id);
            jobs.add(job.orElseThrow(() -> new ExitException(ExitCodes.USAGE, "unknown job " + id)));
        }
        return jobs;
    }

    private int finish(List<JobStatus> jobs) {
        boolean failed = false;
        for (JobStatus job : jobs) {
            failed |= job.status() != JobState.DONE;
            out.println(json ? context.store().readRaw(job.jobId()).orElse("")
                    : job.jobId() + " " + job.status().json() + " "
                            + (job.status() == JobState.DONE ? job.srtPath() : job.error()));
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
            Instant end = job.status().isActive() || job.updatedAt() == null ? Instant.now() : job.updatedAt();
            line.append("  elapsed ").append(Durations.format(Duration.between(job.submittedAt(), end)));
        }
        if (job.delayMs() != null) {
            line.append("  queue ").append(Durations.format(Duration.ofMillis(job.delayMs())));
        }
        if (job.status().isActive() && job.progress() != null) {
            line.append("  ").append(job.progress());
        }
        return line.toString();
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
