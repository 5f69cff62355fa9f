package com.ytwhisper.client.cli;

import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.RawLog;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ytw logs ID} (and {@code dump_yt_job_log}): the job's raw API history. An unknown job is
 * an error (exit 1), so a script can tell it from a job that has no history yet.
 */
@Command(name = "logs", description = "Print the last lines of a job's raw status log (work/<id>/status_raw.log).",
        footer = ExitCodes.FOOTER)
public class LogsCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    @Option(names = { "-n", "--lines" }, paramLabel = "N", defaultValue = "1000", description = "How many lines (default ${DEFAULT-VALUE}).")
    int lines;

    private final RawLog rawLog;
    private final JobStore store;

    LogsCommand(RawLog rawLog, JobStore store) {
        this.rawLog = rawLog;
        this.store = store;
    }

    @Override
    public Integer call() {
        List<String> tail = rawLog.tail(jobId, Math.max(0, lines));
        if (tail.isEmpty() && store.read(jobId).isEmpty()) {
            throw new ExitException(ExitCodes.JOB_ERROR, "no log for job " + jobId + ": no such job here");
        }
        tail.forEach(cli.out()::println);
        cli.out().flush();
        return ExitCodes.OK;
    }
}
