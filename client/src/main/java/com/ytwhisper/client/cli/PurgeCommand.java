package com.ytwhisper.client.cli;

import java.util.concurrent.Callable;

import com.ytwhisper.client.runpod.PurgeResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code ytw purge}: drops every queued (not running) job of the endpoint, not only ours. */
@Command(name = "purge", description = "Remove all queued jobs of the endpoint (running jobs go on).",
        footer = ExitCodes.FOOTER)
public class PurgeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private final ClientContext context;

    PurgeCommand(ClientContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Reply<PurgeResponse> reply = context.runpod().purgeQueue();
        Long removed = reply.body().removed();
        spec.commandLine().getOut().println("removed " + (removed == null ? "?" : removed) + " queued job(s)");
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
