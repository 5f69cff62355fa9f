package com.ytwhisper.client.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.ytwhisper.client.runpod.HealthResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ytw health}: the endpoint's worker and job counters. */
@Command(name = "health", description = "Show the endpoint's workers and job counters.", footer = ExitCodes.FOOTER)
public class HealthCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    private final Endpoint endpoint;

    HealthCommand(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Integer call() {
        Reply<HealthResponse> reply = endpoint.client().health();
        if (json) {
            cli.out().println(reply.raw().strip());
        } else {
            cli.out().println("workers: " + counters(reply.body().workers()));
            cli.out().println("jobs:    " + counters(reply.body().jobs()));
        }
        cli.out().flush();
        return ExitCodes.OK;
    }

    private static String counters(Map<String, Long> values) {
        if (values == null || values.isEmpty()) {
            return "(none reported)";
        }
        StringBuilder text = new StringBuilder();
        new TreeMap<>(values).forEach((name, count) -> text.append(text.isEmpty() ? "" : " ").append(name).append('=').append(count));
        return text.toString();
    }
}
