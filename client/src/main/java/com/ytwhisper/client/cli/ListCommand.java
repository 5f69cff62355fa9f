package com.ytwhisper.client.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.PollerLock;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytw list}: every job, oldest first. */
@Command(name = "list", description = "List jobs, oldest first.", footer = ExitCodes.FOOTER)
public class ListCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "One JSON array of status objects.")
    boolean json;

    @Option(names = "--active", description = "Only jobs still starting or running.")
    boolean activeOnly;

    private final ClientContext context;

    ListCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<JobStatus> jobs = activeOnly ? context.store().active() : context.store().list();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println("[" + String.join(",", jobs.stream()
                    .map(j -> context.store().readRaw(j.jobId()).orElse("")).filter(s -> !s.isEmpty()).toList()) + "]");
        } else {
            for (JobStatus job : jobs) {
                String detail = job.status() == JobState.DONE ? job.srtPath()
                        : job.status() == JobState.ERROR ? job.error() : job.url();
                out.println(Waiter.line(job) + "  " + detail);
            }
            spec.commandLine().getErr().println(jobs.size() + " job(s); background poller "
                    + PollerLock.runningPid(PollerLock.file(context.store())).map(pid -> "running (pid " + pid + ")")
                            .orElse("not running"));
        }
        out.flush();
        return ExitCodes.OK;
    }
}
