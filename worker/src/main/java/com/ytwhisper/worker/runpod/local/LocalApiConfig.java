package com.ytwhisper.worker.runpod.local;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Settings of the local endpoint API ({@code --rp_serve_api}); the defaults are the cloud's
 * (docs/runpod-protocol.md §3.6).
 */
@ConfigMapping(prefix = "worker")
public interface LocalApiConfig {

    /** WORKER_LOCAL_API_KEY: the Bearer key clients must send when the API is bound to a non-loopback address. */
    Optional<String> localApiKey();

    /** WORKER_LOCAL_EXECUTION_TIMEOUT_MS: a job's execution timeout unless its policy.executionTimeout says otherwise. */
    @WithDefault("600000")
    long localExecutionTimeoutMs();

    /** WORKER_LOCAL_TTL_MS: a job's lifetime from submission unless its policy.ttl says otherwise. */
    @WithDefault("86400000")
    long localTtlMs();

    /** WORKER_LOCAL_RESULT_RETENTION_MS: how long a finished job's status stays readable. */
    @WithDefault("1800000")
    long localResultRetentionMs();

    /** WORKER_LOCAL_SWEEP_INTERVAL_MS: how often timeouts, expiries and retention are enforced. */
    @WithDefault("200")
    long localSweepIntervalMs();

    /** {@link #localSweepIntervalMs()}, refused below 1: the one place the setting is checked. */
    default long checkedLocalSweepIntervalMs() {
        long interval = localSweepIntervalMs();
        if (interval < 1) {
            throw new IllegalArgumentException("WORKER_LOCAL_SWEEP_INTERVAL_MS must be 1 or more, got " + interval);
        }
        return interval;
    }

    /**
     * WORKER_LOCAL_MAX_INPUT_BYTES: the largest request body {@code /run} and {@code /runsync} take
     * (the job's input with its envelope); the cloud's limit for {@code /run} is 10 MB.
     */
    @WithDefault("10485760")
    long localMaxInputBytes();

    /**
     * WORKER_LOCAL_MAX_QUEUED_JOBS: how many jobs may wait IN_QUEUE; more are answered 429. Waiting
     * jobs hold their input in memory.
     */
    @WithDefault("100")
    int localMaxQueuedJobs();

    /** {@link #localMaxQueuedJobs()}, refused below 1: the one place the setting is checked. */
    default int checkedLocalMaxQueuedJobs() {
        int max = localMaxQueuedJobs();
        if (max < 1) {
            throw new IllegalArgumentException("WORKER_LOCAL_MAX_QUEUED_JOBS must be 1 or more, got " + max);
        }
        return max;
    }
}
