package com.ytwhisper.client.cli;

import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.StatusMapping;
import com.ytwhisper.client.runpod.RunResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;
import com.ytwhisper.client.runpod.StatusResponse;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ytw cancel ID}: cancels a queued or running job on Runpod. */
@Command(name = "cancel", description = "Cancel a queued or running job.", footer = ExitCodes.FOOTER)
public class CancelCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    private final ClientContext context;

    CancelCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JobStatus job = context.submittedJob(jobId);
        if (!job.status().isActive()) {
            throw new ExitException(ExitCodes.USAGE, "job " + jobId + " has already ended (" + job.status().json() + ")");
        }
        Reply<RunResponse> reply = context.runpod().cancel(job.runpodJobId());
        context.rawLog().append(jobId, context.clock().instant(), "POST /cancel/" + job.runpodJobId(), "200", reply.raw());
        StatusResponse answer = new StatusResponse(reply.body().id(), reply.body().status(), null, null, null, null);
        JobStatus next = StatusMapping.apply(job, answer, context.clock().instant());
        context.store().write(next);
        spec.commandLine().getOut().println(jobId + " " + next.status().json() + " (Runpod: " + reply.body().status() + ")");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
