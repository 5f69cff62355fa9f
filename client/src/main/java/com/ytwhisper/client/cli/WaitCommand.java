package com.ytwhisper.client.cli;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ytw wait ID...}: follows jobs until they end. */
@Command(name = "wait", description = "Wait until the jobs end; live progress on stderr, results on stdout.",
        footer = ExitCodes.FOOTER)
public class WaitCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Parameters(paramLabel = "ID", arity = "1..*", description = "Job ids.")
    List<String> jobIds;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Durations.class, description = "Give up after DURATION (exit 3).")
    Duration timeout;

    @Option(names = "--json", description = "Print each job's final status JSON.")
    boolean json;

    private final Waiter.Factory waiters;

    WaitCommand(Waiter.Factory waiters) {
        this.waiters = waiters;
    }

    @Override
    public Integer call() {
        return waiters.create(cli.out(), cli.err(), json).await(jobIds, timeout);
    }
}
