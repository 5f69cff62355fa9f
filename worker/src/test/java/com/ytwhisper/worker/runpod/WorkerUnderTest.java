package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/** A {@link PlatformWorker} on its own thread against the emulator, with fast test pacing. */
final class WorkerUnderTest implements AutoCloseable {

    static final String POD = "pod-test-1";
    static final String KEY = "rpa_TESTKEY_0123456789";

    final PlatformWorker worker;
    final Thread thread;
    final AtomicInteger exitCode = new AtomicInteger(-1);
    final AtomicReference<Throwable> crash = new AtomicReference<>();

    WorkerUnderTest(RunpodEmulator emulator, StandInHandler handler, LoopSettings settings, boolean refresh) {
        this(emulator, handler, settings, refresh, Map.of());
    }

    /** As above with some of the platform's environment replaced (e.g. another URL template). */
    WorkerUnderTest(RunpodEmulator emulator, StandInHandler handler, LoopSettings settings, boolean refresh,
                    Map<String, String> envOverride) {
        Map<String, String> env = new java.util.HashMap<>(emulator.workerEnv(POD, KEY));
        env.putAll(envOverride);
        PlatformUrls urls = PlatformUrls.of(env.get("RUNPOD_WEBHOOK_GET_JOB"), env.get("RUNPOD_WEBHOOK_POST_OUTPUT"),
                env.get("RUNPOD_WEBHOOK_PING"), POD).withStream(env.get("RUNPOD_WEBHOOK_POST_STREAM"), POD);
        worker = new PlatformWorker(handler, urls, KEY, new WorkerIdentity(POD, POD + "-0", "ytw-worker/test"),
                settings, refresh, new ObjectMapper());
        thread = new Thread(() -> {
            try {
                exitCode.set(worker.run());
            } catch (Throwable t) {
                crash.set(t);
            }
        }, "worker-under-test");
        thread.start();
    }

    /** Fast pacing: short back-off, 3 s delivery budget, 100 ms pings, 5 s grace, a fresh state folder. */
    static LoopSettings fast(int concurrency) {
        return settings(concurrency, Duration.ofSeconds(5), Duration.ofSeconds(3), freshStateDir());
    }

    static LoopSettings settings(int concurrency, Duration grace, Duration deliveryBudget, Path stateDir) {
        return new LoopSettings(concurrency, Duration.ofMillis(200), grace, Duration.ofSeconds(3),
                Duration.ofSeconds(2), Duration.ofMillis(20), Duration.ofMillis(200), Duration.ofMillis(400),
                deliveryBudget, Duration.ofMillis(100), stateDir, Duration.ofMillis(200));
    }

    static Path freshStateDir() {
        try {
            Path dir = Files.createTempDirectory("ytw-worker-state-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asks for shutdown and waits for the worker to return; returns its exit code. */
    int stop(Duration timeout) throws InterruptedException {
        worker.requestShutdown();
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("worker did not stop within " + timeout);
        }
        if (crash.get() != null) {
            throw new AssertionError("worker crashed", crash.get());
        }
        return exitCode.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            stop(Duration.ofSeconds(20));
        }
    }
}
