package com.ytwhisper.worker.sidecar;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The early start reads the environment through {@link SidecarConfig}, so both see the same settings. */
class EarlyStartTest {

    @Test
    void unsetAndBlankSettingsTakeTheMappingsDefaults() {
        SidecarConfig config = EarlyStart.fromEnvironment(Map.of("WORKER_MODEL", "", "WORKER_PYTHON", "  ", "WORKER_DEVICE", "cpu"));
        assertEquals(List.of("auto", "large-v3", "cpu", "float16", "python3"),
                List.of(config.engine(), config.model(), config.device(), config.computeType(), config.python()));
    }

    @Test
    void theOtherWorkerSettingsInTheEnvironmentAreNoObstacle() {
        SidecarConfig config = EarlyStart.fromEnvironment(Map.of("WORKER_CONCURRENCY", "2", "WORKER_LOCAL_API_KEY", "k",
                "WORKER_NOT_A_SETTING", "x", "WORKER_ENGINE", "pocketsphinx"));
        assertEquals("pocketsphinx", config.engine());
    }
}
