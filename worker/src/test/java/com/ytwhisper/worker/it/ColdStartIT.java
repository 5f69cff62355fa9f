package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model loads while the JVM boots: the sidecar is spawned before Quarkus starts, and the
 * worker adopts that sidecar instead of starting a second one. The time saved is a benchmark
 * figure (bench item 1), not asserted here.
 */
class ColdStartIT {

    private static final String SIDECAR_STARTED = "started the speech engine sidecar (pid";
    private static final String QUARKUS_STARTED = "(powered by Quarkus";

    @TempDir
    Path dir;

    @Test
    void theSidecarIsStartedBeforeQuarkusIsUpAndAdopted() throws Exception {
        try (RunpodEmulator emulator = new RunpodEmulator()) {
            Map<String, String> env = new HashMap<>(emulator.workerEnv("pod-cold", "key-cold"));
            env.putAll(Map.of("WORKER_ENGINE", "faster-whisper", "WORKER_MODEL", "large-v3",
                    "PYTHONPATH", EngineStandInIT.STANDIN.toString(), "FASTER_WHISPER_STANDIN_LOAD_S", "3"));
            try (ChildProcess worker = WorkerJar.start(env, dir)) {
                emulator.awaitRequest(r -> r.route() == WorkerRoute.TAKE, Duration.ofSeconds(120), "a job-take");
                String log = worker.stderr();
                int sidecar = log.indexOf(SIDECAR_STARTED);
                int quarkus = log.indexOf(QUARKUS_STARTED);
                assertTrue(sidecar >= 0 && quarkus >= 0, log);
                assertTrue(sidecar < quarkus, "the sidecar must be spawned before Quarkus is up:\n" + log);
                assertEquals(sidecar, log.lastIndexOf(SIDECAR_STARTED), "the early sidecar is the one used:\n" + log);
                assertTrue(log.indexOf("speech engine ready: faster-whisper") > sidecar, log);
                worker.terminate();
                assertEquals(0, worker.waitFor(Duration.ofSeconds(30)), worker.stderr());
            }
        }
    }
}
