package com.ytwhisper.client.cli;

import java.time.Duration;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ytw watch ID}: the transcript's cues as the worker streams them, then the result paths. */
@Command(name = "watch", description = "Print a job's transcript cues as they are made (the endpoint's /stream), "
        + "then its result paths.", footer = ExitCodes.FOOTER)
public class WatchCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "ID", description = "Job id.")
    String jobId;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class, description = "Give up after DURATION (exit 3).")
    Duration timeout;

    @Option(names = "--json", description = "End with the job's final status JSON instead of its paths.")
    boolean json;

    private final Waiter.Factory waiters;

    WatchCommand(Waiter.Factory waiters) {
        this.waiters = waiters;
    }

    @Override
    public Integer call() {
        return waiters.create(cli.out(), cli.err(), json).watch(jobId, timeout);
    }
}
