package com.ytwhisper.worker.runpod;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential back-off with full jitter between a floor and a cap; not thread-safe. */
final class Backoff {

    private final long minMillis;
    private final long maxMillis;
    private int failures;

    Backoff(Duration min, Duration max) {
        this.minMillis = Math.max(1, min.toMillis());
        this.maxMillis = Math.max(minMillis, max.toMillis());
    }

    /** The pause before the next attempt; grows with each call until {@link #reset()}. */
    Duration next() {
        long ceiling = minMillis << Math.min(failures, 20);
        failures++;
        long capped = Math.min(maxMillis, ceiling);
        // Full jitter, but never below the floor, so an outage is never polled in a hot loop.
        return Duration.ofMillis(minMillis + ThreadLocalRandom.current().nextLong(Math.max(1, capped - minMillis + 1)));
    }

    void reset() {
        failures = 0;
    }
}
