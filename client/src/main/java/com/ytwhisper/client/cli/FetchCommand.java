package com.ytwhisper.client.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.S3Results;
import com.ytwhisper.client.jobs.S3Results.Location;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code ytw fetch ID}: downloads a finished job's subtitle files from S3. */
@Command(name = "fetch", description = "Download a finished job's subtitle files from S3; prints the local paths.",
        footer = ExitCodes.FOOTER)
public class FetchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    @Option(names = { "-o", "--output" }, paramLabel = "DIR", defaultValue = ".", description = "Target folder (default: the current one).")
    Path dir;

    private final ClientContext context;

    FetchCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        JobStatus job = context.store().read(jobId)
                .orElseThrow(() -> new ExitException(ExitCodes.USAGE, "unknown job " + jobId));
        if (job.status() != JobState.DONE) {
            throw new ExitException(job.status() == JobState.ERROR ? ExitCodes.JOB_ERROR : ExitCodes.USAGE,
                    "job " + jobId + " is " + job.status().json() + (job.error() != null ? ": " + job.error() : "")
                            + "; only a done job has files to fetch");
        }
        S3Results s3 = context.requireS3("fetch");
        for (Location location : outputs(job)) {
            if (!s3.exists(location)) {
                throw new ExitException(ExitCodes.JOB_ERROR, location + " does not exist (any more)");
            }
            spec.commandLine().getOut().println(s3.download(location, dir));
        }
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }

    /** Every {@code *_path} in the worker's output that names an S3 object, the SRT first. */
    static List<Location> outputs(JobStatus job) {
        List<Location> locations = new ArrayList<>();
        S3Results.Location.parse(job.srtPath()).ifPresent(locations::add);
        JsonNode output = job.output();
        if (output != null && output.isObject()) {
            output.fields().forEachRemaining(field -> {
                if (field.getKey().endsWith("_path") && field.getValue().isTextual()) {
                    Location.parse(field.getValue().asText()).filter(l -> !locations.contains(l)).ifPresent(locations::add);
                }
            });
        }
        return locations;
    }
}
