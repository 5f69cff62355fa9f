package com.ytwhisper.client.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.PollerLauncher;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ytw resume}: tracks jobs again after a reboot, a rejected key or lost contact: jobs that
 * ended in an error raised on this side while Runpod still had them go back to {@code running},
 * and the background poller starts when any job is active.
 */
@Command(name = "resume", description = "Start the background poller again and re-track jobs that lost contact.",
        footer = ExitCodes.FOOTER)
public class ResumeCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    private final JobStore store;
    private final Endpoint endpoint;
    private final PollerLauncher launcher;
    private final Clock clock;

    ResumeCommand(JobStore store, Endpoint endpoint, PollerLauncher launcher, Clock clock) {
        this.store = store;
        this.endpoint = endpoint;
        this.launcher = launcher;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        endpoint.client(); // fail now, with the config message, rather than inside the poller
        List<JobStatus> resumable = store.list().stream().filter(JobStatus::isResumable).toList();
        for (JobStatus job : resumable) {
            store.write(job.running(job.runpodJobId(), job.runpodStatus(), job.progress(), job.delayMs(),
                    job.executionMs(), clock.instant()));
            cli.err().println("tracking " + job.jobId() + " again");
        }
        int active = store.active().size();
        boolean started = active > 0 && launcher.ensureRunning(List.of());
        cli.err().println(active + " active job(s); background poller "
                + (active == 0 ? "not needed" : started ? "started" : "already running"));
        cli.err().flush();
        return ExitCodes.OK;
    }
}
