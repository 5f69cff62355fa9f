package com.ytwhisper.client.runpod;

import java.util.concurrent.ThreadLocalRandom;

import org.eclipse.microprofile.config.ConfigProvider;

import io.smallrye.faulttolerance.api.CustomBackoffStrategy;

/**
 * Exponential back-off with "equal jitter" (half fixed, half random) that waits at least as long as
 * the server's Retry-After. Every delay is capped by {@code runpod.retry-max-delay-ms}. SmallRye
 * creates one instance per guarded invocation.
 */
public class RetryAfterBackoff implements CustomBackoffStrategy {

    private long initialDelayMs;
    private long maxDelayMs = -1;
    private int retries;

    public RetryAfterBackoff() {
        // SmallRye creates it; the cap comes from the configuration in init
    }

    RetryAfterBackoff(long maxDelayMs) {
        this.maxDelayMs = maxDelayMs;
    }

    @Override
    public void init(long initialDelayInMillis) {
        initialDelayMs = Math.max(1, initialDelayInMillis);
        if (maxDelayMs < 0) {
            maxDelayMs = ConfigProvider.getConfig().getOptionalValue("runpod.retry-max-delay-ms", Long.class)
                    .orElse(30_000L);
        }
    }

    @Override
    public long nextDelayInMillis(Throwable cause) {
        long exponential = Math.min(maxDelayMs, initialDelayMs << Math.min(retries++, 20));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        long retryAfter = cause instanceof RunpodCallException e
                ? e.retryAfter().map(d -> d.toMillis()).orElse(0L)
                : 0L;
        return Math.min(maxDelayMs, Math.max(jittered, retryAfter));
    }
}
