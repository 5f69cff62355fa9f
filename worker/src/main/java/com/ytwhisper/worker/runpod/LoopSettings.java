package com.ytwhisper.worker.runpod;

import java.nio.file.Path;
import java.time.Duration;

/** The loop's pacing, as plain values so tests can build it without Quarkus; {@link WorkerLoopConfig} checks them. */
public record LoopSettings(int concurrency, Duration progressInterval, Duration shutdownGrace,
                           Duration takeTimeout, Duration requestTimeout, Duration backoffMin,
                           Duration backoffMax, Duration throttleWait, Duration deliveryBudget,
                           Duration pingInterval, Path stateDir, Duration outboxRetryMax) {

    static LoopSettings from(WorkerLoopConfig c, PlatformConfig rp, String podId) {
        Path stateDir = c.stateDir().map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "ytw-worker", podId));
        return new LoopSettings(c.checkedConcurrency(), Duration.ofMillis(c.progressIntervalMs()),
                Duration.ofMillis(c.shutdownGraceMs()), Duration.ofMillis(c.takeTimeoutMs()),
                Duration.ofMillis(c.requestTimeoutMs()), Duration.ofMillis(c.backoffMinMs()),
                Duration.ofMillis(c.backoffMaxMs()), Duration.ofMillis(c.throttleWaitMs()),
                Duration.ofMillis(c.deliveryBudgetMs()), Duration.ofMillis(Math.max(100, rp.pingInterval())),
                stateDir, Duration.ofMillis(c.outboxRetryMaxMs()));
    }
}
