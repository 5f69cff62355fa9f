package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.process.ChildProcess;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built jar refuses to serve an unprotected API beyond loopback (serving jobs: {@code LocalApiPipelineIT}). */
class LocalApiJarIT {

    static final Path JAR = Path.of(System.getProperty("worker.app.dir", "target/quarkus-app"), "quarkus-run.jar");
    /** An empty key counts as none, and overrides one the test environment may carry. */
    static final Map<String, String> NO_KEY = Map.of("WORKER_LOCAL_API_KEY", "");

    @TempDir
    Path dir;

    @Test
    void onANetworkAddressWithoutAKeyItRefusesToStartBeforeBindingAnything() throws Exception {
        try (ChildProcess worker = ChildProcess.java(JAR,
                List.of("--rp_serve_api", "--rp_api_host", "0.0.0.0", "--rp_api_port", "0"), NO_KEY, dir)) {
            assertEquals(2, worker.waitFor(Duration.ofSeconds(60)));
            assertTrue(worker.stderr().contains("WORKER_LOCAL_API_KEY"), worker.stderr());
            assertFalse(worker.stderr().contains("Listening on"), worker.stderr());
            assertFalse(worker.stderr().contains("no job handler installed"), "the key is checked first");
        }
    }
}
