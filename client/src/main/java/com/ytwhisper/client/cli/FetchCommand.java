package com.ytwhisper.client.cli;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.ytwhisper.client.jobs.JobState;
import com.ytwhisper.client.jobs.JobStatus;
import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.S3Access;
import com.ytwhisper.client.jobs.S3Results;
import com.ytwhisper.client.jobs.S3Results.Location;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ytw fetch ID}: downloads a finished job's subtitle files from S3. A local-API job without a
 * bucket wrote {@code file://} paths on the worker's machine: those are copied when this machine
 * sees them, and otherwise the message says where they are.
 */
@Command(name = "fetch", description = "Copy a finished job's subtitle files here (from S3, or from the local API's "
        + "output folder); prints the local paths.", footer = ExitCodes.FOOTER)
public class FetchCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    @Option(names = { "-o", "--output" }, paramLabel = "DIR", defaultValue = ".", description = "Target folder (default: the current one).")
    Path dir;

    private final JobStore store;
    private final S3Access s3;

    FetchCommand(JobStore store, S3Access s3) {
        this.store = store;
        this.s3 = s3;
    }

    @Override
    public Integer call() throws IOException {
        JobStatus job = store.read(jobId)
                .orElseThrow(() -> new ExitException(ExitCodes.USAGE, "unknown job " + jobId));
        if (job.status() != JobState.DONE) {
            throw new ExitException(job.status() == JobState.ERROR ? ExitCodes.JOB_ERROR : ExitCodes.USAGE,
                    "job " + jobId + " is " + job.status().json() + (job.error() != null ? ": " + job.error() : "")
                            + "; only a done job has files to fetch");
        }
        List<Path> files = localFiles(job);
        List<Location> objects = outputs(job);
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ExitException(ExitCodes.JOB_ERROR, "the worker wrote " + file + " on its own machine (it had no "
                        + "bucket), and this machine does not see that file; copy it from there, or submit with "
                        + "--s3-bucket to get results you can fetch");
            }
        }
        S3Results access = objects.isEmpty() ? null : s3.require("fetch");
        Files.createDirectories(dir);
        for (Path file : files) {
            Path target = dir.resolve(file.getFileName());
            if (!Files.isSameFile(file.getParent(), dir)) {
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
            cli.out().println(target);
        }
        for (Location location : objects) {
            if (!access.exists(location)) {
                throw new ExitException(ExitCodes.JOB_ERROR, location + " does not exist (any more)");
            }
            cli.out().println(access.download(location, dir));
        }
        cli.out().flush();
        return ExitCodes.OK;
    }

    /** Every {@code *_path} in the worker's output that names an S3 object, the SRT first. */
    static List<Location> outputs(JobStatus job) {
        List<Location> locations = new ArrayList<>();
        for (String path : job.resultPaths()) {
            Location.parse(path).filter(l -> !locations.contains(l)).ifPresent(locations::add);
        }
        return locations;
    }

    /** Every {@code file://} result path (local API without a bucket), the SRT first. */
    static List<Path> localFiles(JobStatus job) {
        List<Path> files = new ArrayList<>();
        for (String path : job.resultPaths()) {
            if (path.startsWith("file:")) {
                files.add(Path.of(URI.create(path)));
            }
        }
        return files;
    }
}
