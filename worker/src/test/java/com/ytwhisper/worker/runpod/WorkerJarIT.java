package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.runpod.Route;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built worker jar as users start it. */
class WorkerJarIT {

    static final Path JAR = Path.of(System.getProperty("worker.app.dir", "target/quarkus-app"), "quarkus-run.jar");

    @TempDir
    Path dir;

    @Test
    void anUnknownArgumentIsAUsageErrorNamingTheArgument() throws Exception {
        try (ChildProcess worker = ChildProcess.java(JAR, List.of("--rp_serve"), Map.of(), dir)) {
            assertEquals(2, worker.waitFor(Duration.ofSeconds(60)));
            assertTrue(worker.stderr().contains("unknown argument '--rp_serve'"), worker.stderr());
            assertTrue(worker.stderr().contains("usage: worker"), worker.stderr());
        }
    }

    @Test
    void withoutAJobHandlerItSaysSoAndExitsTwoBeforeTakingAnyJob() throws Exception {
        try (RunpodEmulator emulator = new RunpodEmulator();
             ChildProcess worker = ChildProcess.java(JAR, List.of(), emulator.workerEnv("pod-it", "key-it"), dir)) {
            assertEquals(2, worker.waitFor(Duration.ofSeconds(60)));
            assertTrue(worker.stderr().contains("no job handler installed"), worker.stderr());
            assertTrue(emulator.requests(Route.TAKE).isEmpty());
        }
    }
}
