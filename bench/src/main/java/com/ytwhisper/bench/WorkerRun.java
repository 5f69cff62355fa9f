package com.ytwhisper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A worker started against its own Runpod emulator, with the protocol timings read back from it. */
final class WorkerRun implements AutoCloseable {

    static final Duration START_TIMEOUT = Duration.ofSeconds(180);
    static final Duration JOB_TIMEOUT = Duration.ofSeconds(300);
    static final String READY_LINE = "engine ready:";

    final RunpodEmulator emulator;
    final Launched process;
    private final MediaServer media;

    private WorkerRun(RunpodEmulator emulator, Launched process, MediaServer media) {
        this.emulator = emulator;
        this.process = process;
        this.media = media;
    }

    /** Where this worker's real jobs' videos come from. */
    MediaServer media() {
        return media;
    }

    /** Starts a worker; {@code media} is where its real jobs' videos come from, null when it gets none. */
    static WorkerRun start(Rig rig, Launcher launcher, int concurrency, MediaServer media) {
        return start(rig, launcher, concurrency, media, Map.of());
    }

    /** Like {@link #start(Rig, Launcher, int, MediaServer)}, with {@code extraEnv} over the rig's environment. */
    static WorkerRun start(Rig rig, Launcher launcher, int concurrency, MediaServer media, Map<String, String> extraEnv) {
        RunpodEmulator emulator = new RunpodEmulator().requireApiKey(Rig.API_KEY);
        try {
            Map<String, String> env = new LinkedHashMap<>(rig.workerEnv(emulator,
                    "pod-" + Long.toHexString(System.nanoTime()), concurrency, media));
            env.putAll(launcher.env());
            env.putAll(extraEnv);
            return new WorkerRun(emulator, Launched.start(launcher.command(), env, rig.scratch), media);
        } catch (RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** When the first job-take (single or batch) arrived. */
    long awaitFirstTake() {
        try {
            return emulator.awaitRequest(r -> r.route() == WorkerRoute.TAKE || r.route() == WorkerRoute.TAKE_BATCH,
                    START_TIMEOUT, "the first job-take").atMillis();
        } catch (AssertionError e) {
            throw new IllegalStateException(e.getMessage() + "\nthe worker's log ends with:\n" + process.logTail());
        }
    }

    long awaitReadyLine() throws InterruptedException {
        return process.awaitLine(READY_LINE, START_TIMEOUT);
    }

    /** Queues a job and returns its final result. */
    JsonNode run(String jobId, String input) {
        emulator.enqueue(jobId, input);
        return awaitFinal(jobId);
    }

    JsonNode awaitFinal(String jobId) {
        try {
            return emulator.awaitFinal(jobId, JOB_TIMEOUT);
        } catch (AssertionError e) {
            throw new IllegalStateException("job " + jobId + ": " + e.getMessage().lines().findFirst().orElse("")
                    + "\nthe worker's log ends with:\n" + process.logTail());
        }
    }

    /** When the first accepted final result of the job arrived. */
    long doneAtMillis(String jobId) {
        return emulator.requests(WorkerRoute.DONE).stream()
                .filter(r -> jobId.equals(r.jobId()) && !r.faulted() && !r.isProgress())
                .mapToLong(SeenRequest::atMillis).min()
                .orElseThrow(() -> new IllegalStateException("no final result for " + jobId));
    }

    long handedOutAtMillis(String jobId) {
        return emulator.handedOutAtMillis(jobId)
                .orElseThrow(() -> new IllegalStateException("job " + jobId + " was never taken"));
    }

    /** From the take that handed the job out to the final result's arrival. */
    double takeToDoneMs(String jobId) {
        return doneAtMillis(jobId) - handedOutAtMillis(jobId);
    }

    /** SIGTERM and wait; returns the exit code, -1 when it had to be killed. */
    int stop() throws InterruptedException {
        try {
            return process.stop(Duration.ofSeconds(60));
        } finally {
            emulator.close();
        }
    }

    @Override
    public void close() {
        process.close();
        emulator.close();
    }
}
