package com.ytwhisper.worker.sidecar;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * Starts the sidecar, and with it the model load, at process start, before Quarkus boots: the
 * first job-take then comes after max(JVM boot, model load) instead of their sum (on Runpod every
 * cold start is billed, and large-v3 loads in seconds). The settings are read from the
 * environment through {@link SidecarConfig} itself; the {@link Transcriber} adopts the process
 * only when its own settings launch the same sidecar, and otherwise kills it and starts its own.
 */
public final class EarlyStart {

    private static final Logger LOG = Logger.getLogger(EarlyStart.class);
    private static final AtomicReference<Started> STARTED = new AtomicReference<>();

    private record Started(SidecarSettings settings, SidecarProcess process) {
    }

    private EarlyStart() {
    }

    /** Spawns the sidecar from {@code env}'s {@code WORKER_*} settings; a failure is left to the Transcriber to report. */
    public static void begin(Map<String, String> env) {
        try {
            SidecarSettings settings = SidecarSettings.from(fromEnvironment(env));
            SidecarProcess process = SidecarProcess.start(settings);
            LOG.infof("the speech engine loads while the worker boots (sidecar pid %d)", process.pid());
            STARTED.set(new Started(settings, process));
        } catch (RuntimeException e) {
            LOG.debugf("no early sidecar (%s); the worker starts one once it is up", e.getMessage());
        }
    }

    /** The early sidecar if it still runs and {@code settings} would launch the same one; at most once. */
    static SidecarProcess adopt(SidecarSettings settings) {
        Started started = STARTED.getAndSet(null);
        if (started == null) {
            return null;
        }
        SidecarSettings early = started.settings();
        boolean same = early.engine().equals(settings.engine()) && early.model().equals(settings.model())
                && early.device().equals(settings.device()) && early.computeType().equals(settings.computeType())
                && early.python().equals(settings.python()) && early.sidecarDir().equals(settings.sidecarDir());
        if (same && started.process().isAlive()) {
            return started.process();
        }
        if (!same) {
            LOG.infof("the configuration names another engine than the environment did; replacing the early sidecar");
        }
        started.process().kill();
        return null;
    }

    /** The mapping over {@code env} alone, so the defaults are {@link SidecarConfig}'s own; a blank value counts as unset. */
    static SidecarConfig fromEnvironment(Map<String, String> env) {
        Map<String, String> set = env.entrySet().stream().filter(e -> e.getValue() != null && !e.getValue().isBlank())
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return new SmallRyeConfigBuilder()
                .withMapping(SidecarConfig.class)
                .withSources(new EnvConfigSource(set, 300))
                .build()
                .getConfigMapping(SidecarConfig.class);
    }
}
