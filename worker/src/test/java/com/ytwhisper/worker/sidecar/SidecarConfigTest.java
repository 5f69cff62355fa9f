package com.ytwhisper.worker.sidecar;

import com.ytwhisper.worker.ExternalProcesses;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The mapping as Quarkus builds it, from environment variables only (no application boot). */
@ExternalProcesses
class SidecarConfigTest {

    private static SidecarConfig fromEnv(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(SidecarConfig.class)
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return config.getConfigMapping(SidecarConfig.class);
    }

    @Test
    void defaults() {
        SidecarConfig config = fromEnv(Map.of());
        assertEquals(List.of("auto", "large-v3", "cuda", "float16", "python3"),
                List.of(config.engine(), config.model(), config.device(), config.computeType(), config.python()));
        assertEquals(Optional.empty(), config.sidecarDir());
        assertEquals(600_000, config.sidecarStartTimeoutMs());
        assertEquals(5_000, config.sidecarCancelGraceMs());
        assertEquals(1.0, config.transcribeTimeoutFactor());
        assertEquals(300_000, config.transcribeTimeoutMinMs());
    }

    @Test
    void environmentVariablesSetEverySetting() {
        Path sourceTree = SidecarLocation.resolve(Optional.empty());
        SidecarConfig config = fromEnv(Map.of(
                "WORKER_ENGINE", "pocketsphinx", "WORKER_MODEL", "/models/large-v3", "WORKER_DEVICE", "cpu",
                "WORKER_COMPUTE_TYPE", "int8", "WORKER_PYTHON", "/usr/bin/python3",
                "WORKER_SIDECAR_DIR", sourceTree.toString(), "WORKER_SIDECAR_START_TIMEOUT_MS", "1000",
                "WORKER_SIDECAR_CANCEL_GRACE_MS", "200", "WORKER_TRANSCRIBE_TIMEOUT_FACTOR", "0.5",
                "WORKER_TRANSCRIBE_TIMEOUT_MIN_MS", "3000"));

        assertEquals(new SidecarSettings("pocketsphinx", "/models/large-v3", "cpu", "int8", "/usr/bin/python3", sourceTree,
                        Duration.ofSeconds(1), Duration.ofMillis(200), 0.5, Duration.ofSeconds(3)),
                SidecarSettings.from(config));
    }
}
