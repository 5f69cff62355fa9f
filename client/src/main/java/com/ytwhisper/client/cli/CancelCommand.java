package com.ytwhisper.client.cli;

import java.time.Clock;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.RawLog;
import com.ytwhisper.client.jobs.StatusMapping;
import com.ytwhisper.client.runpod.RunResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;
import com.ytwhisper.client.runpod.StatusResponse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code ytw cancel ID}: cancels a queued or running job on Runpod. */
@Command(name = "cancel", description = "Cancel a queued or running job.", footer = ExitCodes.FOOTER)
public class CancelCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    private final JobStore store;
    private final RawLog rawLog;
    private final Endpoint endpoint;
    private final Clock clock;

    CancelCommand(JobStore store, RawLog rawLog, Endpoint endpoint, Clock clock) {
        this.store = store;
        this.rawLog = rawLog;
        this.endpoint = endpoint;
        this.clock = clock;
    }

    @Override
    public Integer call() {
        JobStatus job = store.submitted(jobId);
        if (!job.status().isActive()) {
            throw new ExitException(ExitCodes.USAGE, "job " + jobId + " has already ended (" + job.status().json() + ")");
        }
        Reply<RunResponse> reply = endpoint.client().cancel(job.runpodJobId());
        rawLog.append(jobId, clock.instant(), "POST /cancel/" + job.runpodJobId(), "200", reply.raw());
        StatusResponse answer = new StatusResponse(reply.body().id(), reply.body().status(), null, null, null, null);
        JobStatus next = StatusMapping.apply(job, answer, clock.instant());
        store.write(next);
        cli.println(jobId + " " + next.status().json() + " (Runpod: " + reply.body().status() + ")");
        return ExitCodes.OK;
    }
}
