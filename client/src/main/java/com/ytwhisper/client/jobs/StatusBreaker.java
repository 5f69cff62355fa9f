package com.ytwhisper.client.jobs;

import jakarta.enterprise.context.ApplicationScoped;

import org.eclipse.microprofile.faulttolerance.CircuitBreaker;
import org.eclipse.microprofile.faulttolerance.exceptions.TimeoutException;

import com.ytwhisper.client.runpod.RunpodClient;
import com.ytwhisper.client.runpod.RunpodClient.Reply;
import com.ytwhisper.client.runpod.RunpodOutageException;
import com.ytwhisper.client.runpod.StatusResponse;

/**
 * The poller's circuit breaker around the (already retried) status call: after
 * {@code requestVolumeThreshold} polls of which {@code failureRatio} met an outage, further polls
 * fail at once with {@code CircuitBreakerOpenException} for {@code delay} ms
 * ({@code YTW_BREAKER_DELAY_MS}), so a dead API is not hammered for every job of every round.
 * Answers such as 404 or 401 are not outages and do not open it.
 */
@ApplicationScoped
public class StatusBreaker {

    @CircuitBreaker(requestVolumeThreshold = 4, failureRatio = 0.75, delay = 60_000, successThreshold = 1,
            failOn = { RunpodOutageException.class, TimeoutException.class })
    public Reply<StatusResponse> fetch(RunpodClient client, String runpodJobId) {
        return client.status(runpodJobId);
    }
}
