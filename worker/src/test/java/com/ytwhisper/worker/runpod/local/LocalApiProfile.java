package com.ytwhisper.worker.runpod.local;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;
import java.util.Set;

/**
 * Serve mode on loopback with the stand-in handler, two workers, a fast sweep, room for six waiting
 * jobs, and webhooks allowed to loopback receivers.
 */
public class LocalApiProfile implements QuarkusTestProfile {

    static final int MAX_QUEUED = 6;

    @Override
    public Set<Class<?>> getEnabledAlternatives() {
        return Set.of(StandInServeMode.class);
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of("worker.concurrency", "2", "worker.local-sweep-interval-ms", "50",
                "worker.local-max-queued-jobs", String.valueOf(MAX_QUEUED), "worker.allow-private-urls", "127.0.0.1/32");
    }
}
