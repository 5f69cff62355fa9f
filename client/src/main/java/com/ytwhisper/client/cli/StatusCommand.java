package com.ytwhisper.client.cli;

import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;

import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.PollerLauncher;
import com.ytwhisper.client.runpod.RunpodJson;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code ytw status ID} (and {@code check_yt_job}): prints the status file as one JSON line, or
 * {@code {"job_id": ID, "status": "unknown"}}; exits 0 in both cases. It also restarts the
 * background poller when the job is active and none runs (after a reboot, for instance).
 */
@Command(name = "status", description = "Print a job's status as one JSON line (status \"unknown\" for no such job).",
        footer = ExitCodes.FOOTER)
public class StatusCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    private final JobStore store;
    private final PollerLauncher launcher;

    StatusCommand(JobStore store, PollerLauncher launcher) {
        this.store = store;
        this.launcher = launcher;
    }

    @Override
    public Integer call() {
        cli.println(store.readRaw(jobId).orElseGet(() -> unknown(jobId)));
        if (store.read(jobId).map(JobStatus::status).filter(s -> s.isActive()).isPresent()) {
            launcher.keepPolling();
        }
        return ExitCodes.OK;
    }

    /** The answer for an unknown job (docs/prototype-contract.md, Commands), spacing included; the id quoted by Jackson. */
    static String unknown(String jobId) {
        try {
            return "{\"job_id\": " + RunpodJson.MAPPER.writeValueAsString(jobId) + ", \"status\": \"unknown\"}";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a string always serialises", e);
        }
    }
}
