package com.ytwhisper.client.jobs;

import com.ytwhisper.client.runpod.RunpodClient.Reply;
import com.ytwhisper.client.runpod.StatusResponse;

/** Where the poller gets a job's status: the guarded API in production, the plain client in tests. */
@FunctionalInterface
public interface StatusSource {

    /** Runpod's answer; answers such as 404 and outages arrive as exceptions. */
    Reply<StatusResponse> fetch(String runpodJobId);
}
