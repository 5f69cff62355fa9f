package com.ytwhisper.client.cli;

import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ytw logs ID} (and {@code dump_yt_job_log}): the job's raw API history. */
@Command(name = "logs", description = "Print the last lines of a job's raw status log (work/<id>/status_raw.log).",
        footer = ExitCodes.FOOTER)
public class LogsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    @Option(names = { "-n", "--lines" }, paramLabel = "N", defaultValue = "1000", description = "How many lines (default ${DEFAULT-VALUE}).")
    int lines;

    private final ClientContext context;

    LogsCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        List<String> tail = context.rawLog().tail(jobId, Math.max(0, lines));
        if (tail.isEmpty()) {
            spec.commandLine().getErr().println("ytw logs: no log for job " + jobId);
        }
        tail.forEach(spec.commandLine().getOut()::println);
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
