package com.ytwhisper.client.cli;

import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.runpod.RunResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ytw retry ID}: asks Runpod to run a FAILED or TIMED_OUT job again (same Runpod id, same
 * input), which works while Runpod still keeps the job (about 30 minutes after it ended).
 */
@Command(name = "retry", description = "Re-queue a job that FAILED or TIMED_OUT on Runpod (same id and input).",
        footer = ExitCodes.FOOTER)
public class RetryCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    private final ClientContext context;

    RetryCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JobStatus job = context.submittedJob(jobId);
        if (job.status() != JobState.ERROR || !List.of("FAILED", "TIMED_OUT").contains(job.runpodStatus())) {
            throw new ExitException(ExitCodes.USAGE, "only a job that FAILED or TIMED_OUT on Runpod can be retried; job "
                    + jobId + " is " + job.status().json() + (job.runpodStatus() != null ? " (" + job.runpodStatus() + ")" : "")
                    + (job.isResumable() ? "; `ytw resume` tracks it again" : ""));
        }
        Reply<RunResponse> reply = context.runpod().retry(job.runpodJobId());
        context.rawLog().append(jobId, context.clock().instant(), "POST /retry/" + job.runpodJobId(), "200", reply.raw());
        context.store().write(job.running(job.runpodJobId(), reply.body().status(), null, null, null,
                context.clock().instant()));
        context.keepPolling();
        spec.commandLine().getOut().println(jobId);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
