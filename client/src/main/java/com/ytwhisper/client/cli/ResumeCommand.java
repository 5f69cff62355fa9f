package com.ytwhisper.client.cli;

import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobStatus;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code ytw resume}: tracks jobs again after a reboot, a rejected key or lost contact: jobs that
 * ended in an error raised on this side while Runpod still had them go back to {@code running},
 * and the background poller starts when any job is active.
 */
@Command(name = "resume", description = "Start the background poller again and re-track jobs that lost contact.",
        footer = ExitCodes.FOOTER)
public class ResumeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final ClientContext context;

    ResumeCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        context.runpod(); // fail now, with the config message, rather than inside the poller
        List<JobStatus> resumable = context.store().list().stream().filter(JobStatus::isResumable).toList();
        for (JobStatus job : resumable) {
            context.store().write(job.running(job.runpodJobId(), job.runpodStatus(), job.progress(), job.delayMs(),
                    job.executionMs(), context.clock().instant()));
            spec.commandLine().getErr().println("tracking " + job.jobId() + " again");
        }
        int active = context.store().active().size();
        boolean started = active > 0 && context.launcher().ensureRunning(List.of());
        spec.commandLine().getErr().println(active + " active job(s); background poller "
                + (active == 0 ? "not needed" : started ? "started" : "already running"));
        spec.commandLine().getErr().flush();
        return ExitCodes.OK;
    }
}
