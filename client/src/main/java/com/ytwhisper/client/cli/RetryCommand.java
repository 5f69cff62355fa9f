package com.ytwhisper.client.cli;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.RawLog;
import com.ytwhisper.client.runpod.RunResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ytw retry ID}: asks Runpod to run a FAILED or TIMED_OUT job again (same Runpod id, same
 * input), which works while Runpod still keeps the job (about 30 minutes after it ended).
 */
@Command(name = "retry", description = "Re-queue a job that FAILED or TIMED_OUT on Runpod (same id and input).",
        footer = ExitCodes.FOOTER)
public class RetryCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    private final JobStore store;
    private final RawLog rawLog;
    private final Endpoint endpoint;
    private final Polling polling;
    private final Clock clock;

    RetryCommand(JobStore store, RawLog rawLog, Endpoint endpoint, Polling polling, Clock clock) {
        this.store = store;
        this.rawLog = rawLog;
        this.endpoint = endpoint;
        this.polling = polling;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        JobStatus job = store.submitted(jobId);
        if (job.status() != JobState.ERROR || !List.of("FAILED", "TIMED_OUT").contains(job.runpodStatus())) {
            throw new ExitException(ExitCodes.USAGE, "only a job that FAILED or TIMED_OUT on Runpod can be retried; job "
                    + jobId + " is " + job.status().json() + (job.runpodStatus() != null ? " (" + job.runpodStatus() + ")" : "")
                    + (job.isResumable() ? "; `ytw resume` tracks it again" : ""));
        }
        Reply<RunResponse> reply = endpoint.client().retry(job.runpodJobId());
        rawLog.append(jobId, clock.instant(), "POST /retry/" + job.runpodJobId(), "200", reply.raw());
        store.write(job.running(job.runpodJobId(), reply.body().status(), null, null, null, clock.instant()));
        polling.keepPolling();
        cli.println(jobId);
        return ExitCodes.OK;
    }
}
