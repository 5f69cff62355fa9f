package com.ytwhisper.worker.runpod.local;

import com.ytwhisper.worker.runpod.WorkerLoopConfig;
import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Local mode's settings as the mappings read and check them (no application boot). */
class LocalSettingsTest {

    private static LocalQueue.Settings fromEnv(Map<String, String> env) {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(LocalApiConfig.class)
                .withMapping(WorkerLoopConfig.class)
                .withSources(new EnvConfigSource(env, 300))
                .build();
        return LocalQueue.Settings.from(config.getConfigMapping(LocalApiConfig.class),
                config.getConfigMapping(WorkerLoopConfig.class));
    }

    @Test
    void defaults() {
        LocalQueue.Settings settings = fromEnv(Map.of());
        assertEquals(1, settings.concurrency());
        assertEquals(200, settings.sweepIntervalMs());
        assertEquals(100, settings.maxQueued());
    }

    @Test
    void eachCheckNamesItsSetting() {
        assertEquals("WORKER_CONCURRENCY must be 1 or more, got 0", refusal("WORKER_CONCURRENCY"));
        assertEquals("WORKER_LOCAL_SWEEP_INTERVAL_MS must be 1 or more, got 0", refusal("WORKER_LOCAL_SWEEP_INTERVAL_MS"));
        assertEquals("WORKER_LOCAL_MAX_QUEUED_JOBS must be 1 or more, got 0", refusal("WORKER_LOCAL_MAX_QUEUED_JOBS"));
    }

    private static String refusal(String zeroSetting) {
        return assertThrows(IllegalArgumentException.class, () -> fromEnv(Map.of(zeroSetting, "0"))).getMessage();
    }
}
