package com.ytwhisper.client.cli;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

import com.ytwhisper.client.runpod.HealthResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ytw health}: the endpoint's worker and job counters. */
@Command(name = "health", description = "Show the endpoint's workers and job counters.", footer = ExitCodes.FOOTER)
public class HealthCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print the API's JSON answer.")
    boolean json;

    private final ClientContext context;

    HealthCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reply<HealthResponse> reply = context.runpod().health();
        if (json) {
            spec.commandLine().getOut().println(reply.raw().strip());
        } else {
            spec.commandLine().getOut().println("workers: " + counters(reply.body().workers()));
            spec.commandLine().getOut().println("jobs:    " + counters(reply.body().jobs()));
        }
        spec.commandLine().getOut().flush();
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
