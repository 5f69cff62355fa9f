package com.ytwhisper.client.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.PollerLock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ytw list}: every job, oldest first, as a table with a header row. */
@Command(name = "list", description = "List jobs, oldest first.", footer = ExitCodes.FOOTER)
public class ListCommand implements Callable<Integer> {

    static final String ROW = "%-24s %-8s %-11s %8s %8s  %s";

    @Mixin
    CommandSkeleton cli;

    @Option(names = "--json", description = "One JSON array of status objects.")
    boolean json;

    @Option(names = "--active", description = "Only jobs still starting or running.")
    boolean activeOnly;

    private final JobStore store;

    ListCommand(JobStore store) {
        this.store = store;
    }

    @Override
    public Integer call() {
        List<JobStatus> jobs = activeOnly ? store.active() : store.list();
        PrintWriter out = cli.out();
        if (json) {
            out.println("[" + String.join(",", jobs.stream()
                    .map(j -> store.readRaw(j.jobId()).orElse("")).filter(s -> !s.isEmpty()).toList()) + "]");
        } else {
            out.println(String.format(Locale.ROOT, ROW, "JOB ID", "STATUS", "RUNPOD", "ELAPSED", "QUEUE",
                    "RESULT / ERROR / URL"));
            for (JobStatus job : jobs) {
                String detail = job.status() == JobState.DONE ? String.join(" ", job.resultPaths())
                        : job.status() == JobState.ERROR ? job.error()
                        : job.url() + (job.progress() != null ? "  (" + job.progress() + ")" : "");
                out.println(String.format(Locale.ROOT, ROW, job.jobId(), job.status().json(),
                        job.runpodStatus() == null ? "-" : job.runpodStatus(),
                        job.submittedAt() == null ? "-" : Durations.format(Waiter.elapsed(job)),
                        job.delayMs() == null ? "-" : Durations.format(Duration.ofMillis(job.delayMs())), detail));
            }
            cli.err().println(jobs.size() + " job(s); background poller "
                    + PollerLock.runningPid(PollerLock.file(store)).map(pid -> "running (pid " + pid + ")")
                            .orElse("not running"));
            cli.err().flush();
        }
        out.flush();
        return ExitCodes.OK;
    }
}
