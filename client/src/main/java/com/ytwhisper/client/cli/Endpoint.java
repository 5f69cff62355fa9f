package com.ytwhisper.client.cli;

import jakarta.inject.Singleton;

import com.ytwhisper.client.jobs.JobStore;
import com.ytwhisper.client.jobs.Secrets;
import com.ytwhisper.client.runpod.RunpodCalls;
import com.ytwhisper.client.runpod.RunpodClient;
import com.ytwhisper.client.runpod.RunpodConfig;
import com.ytwhisper.client.runpod.RunpodTarget;

/**
 * The endpoint API client, resolved on first use: commands that only read local files
 * ({@code check_yt_job}) work without any Runpod configuration.
 */
@Singleton
public class Endpoint {

    private final RunpodConfig config;
    private final RunpodCalls calls;
    private final JobStore store;
    private final Secrets secrets;
    private RunpodClient client;

    Endpoint(RunpodConfig config, RunpodCalls calls, JobStore store, Secrets secrets) {
        this.config = config;
        this.calls = calls;
        this.store = store;
        this.secrets = secrets;
    }

    /** The client; throws a ConfigProblem naming what to set when the endpoint is not configured. */
    public synchronized RunpodClient client() {
        if (client == null) {
            RunpodTarget target = RunpodTarget.resolve(config, store.configDir());
            client = new RunpodClient(calls, target);
            // a key read from the config file is a secret too
            secrets.add(target.apiKey());
        }
        return client;
    }
}
