package com.ytwhisper.worker.sidecar;

import java.nio.file.Path;
import java.time.Duration;

/**
 * The sidecar's settings as plain values, so a {@link Transcriber} can be built with {@code new};
 * {@link SidecarConfig} holds their defaults and checks.
 *
 * @param sidecarDir the folder that holds the {@code ytw_sidecar} package
 */
public record SidecarSettings(String engine, String model, String device, String computeType,
                              String python, Path sidecarDir, Duration startTimeout,
                              Duration cancelGrace, double timeoutFactor, Duration timeoutMin) {

    public static SidecarSettings from(SidecarConfig config) {
        Path sidecarDir = SidecarLocation.resolve(config.sidecarDir());
        return new SidecarSettings(config.engine(), config.model(), config.device(), config.computeType(),
                PythonChoice.choose(config.python(), config.engine(), sidecarDir), sidecarDir,
                Duration.ofMillis(config.sidecarStartTimeoutMs()), Duration.ofMillis(config.sidecarCancelGraceMs()),
                config.checkedTranscribeTimeoutFactor(), Duration.ofMillis(config.transcribeTimeoutMinMs()));
    }

    /** How long a job on {@code audioDurationS} seconds of audio may take. */
    public Duration jobTimeout(double audioDurationS) {
        long scaledMs = (long) Math.ceil(timeoutFactor * Math.max(0, audioDurationS) * 1000);
        return Duration.ofMillis(Math.max(timeoutMin.toMillis(), scaledMs));
    }
}
