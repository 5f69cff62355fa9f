package com.ytwhisper.client.cli;

import java.util.concurrent.Callable;

import com.ytwhisper.client.runpod.PurgeResponse;
import com.ytwhisper.client.runpod.RunpodClient.Reply;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ytw purge}: drops every queued (not running) job of the endpoint, not only ours. */
@Command(name = "purge", description = "Remove all queued jobs of the endpoint (running jobs go on).",
        footer = ExitCodes.FOOTER)
public class PurgeCommand implements Callable<Integer> {

    @Mixin
    CommandSkeleton cli;

    private final Endpoint endpoint;

    PurgeCommand(Endpoint endpoint) {
        this.endpoint = endpoint;
    }

    @Override
    public Integer call() {
        Reply<PurgeResponse> reply = endpoint.client().purgeQueue();
        Long removed = reply.body().removed();
        cli.println("removed " + (removed == null ? "?" : removed) + " queued job(s)");
        return ExitCodes.OK;
    }
}
