package com.ytwhisper.worker.runpod;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** How the worker paces its protocol loops; every interval is configurable so tests run fast. */
@ConfigMapping(prefix = "worker")
public interface WorkerLoopConfig {

    /** WORKER_CONCURRENCY: jobs held at once; 2 or more uses batch take. */
    @WithDefault("1")
    int concurrency();

    /** {@link #concurrency()}, refused below 1: the one place the setting is checked (platform and local mode read it). */
    default int checkedConcurrency() {
        int concurrency = concurrency();
        if (concurrency < 1) {
            throw new IllegalArgumentException("WORKER_CONCURRENCY must be 1 or more, got " + concurrency);
        }
        return concurrency;
    }

    /** WORKER_PROGRESS_INTERVAL_MS: at most one progress update per job per this many ms. */
    @WithDefault("5000")
    long progressIntervalMs();

    /** WORKER_SHUTDOWN_GRACE_MS: how long running jobs may finish after SIGTERM. */
    @WithDefault("60000")
    long shutdownGraceMs();

    /** WORKER_TAKE_TIMEOUT_MS: client cap on one (long-polled) job-take request. */
    @WithDefault("90000")
    long takeTimeoutMs();

    /** WORKER_REQUEST_TIMEOUT_MS: timeout of one job-done, progress or ping request. */
    @WithDefault("30000")
    long requestTimeoutMs();

    /** WORKER_BACKOFF_MIN_MS: first pause after a failed platform call (grows, with jitter). */
    @WithDefault("250")
    long backoffMinMs();

    /** WORKER_BACKOFF_MAX_MS: cap of the pause between failed platform calls. */
    @WithDefault("4000")
    long backoffMaxMs();

    /** WORKER_THROTTLE_WAIT_MS: pause after job-take answers 429. */
    @WithDefault("5000")
    long throttleWaitMs();

    /** WORKER_DELIVERY_BUDGET_MS: how long one result is retried through 5xx and outages. */
    @WithDefault("120000")
    long deliveryBudgetMs();

    /**
     * WORKER_STATE_DIR: where undeliverable results wait for the platform (default a folder per
     * worker id under the system temp dir; never the working directory, which may be a shared volume).
     */
    Optional<String> stateDir();

    /** WORKER_OUTBOX_RETRY_MAX_MS: longest pause between two tries of a waiting result. */
    @WithDefault("60000")
    long outboxRetryMaxMs();

    /** WORKER_REFRESH_AFTER_JOB: ask the platform for a fresh worker after each job (stopPod). */
    @WithDefault("false")
    boolean refreshAfterJob();
}
