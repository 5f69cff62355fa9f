package com.ytwhisper.worker.runpod.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/** Serve mode on loopback with the stand-in handler, two workers and a fast sweep. */
public class LocalApiProfile implements QuarkusTestProfile {

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(StandInServeMode.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("worker.concurrency", "2", "worker.local-sweep-interval-ms", "50");
    }
}
