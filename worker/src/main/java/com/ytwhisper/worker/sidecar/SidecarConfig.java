package com.ytwhisper.worker.sidecar;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.nio.file.Path;
import java.util.Optional;

/** The speech engine sidecar's settings ({@code WORKER_*} environment variables). */
@ConfigMapping(prefix = "worker")
public interface SidecarConfig {

    /** Speech engine: {@code auto} (faster-whisper when it imports, else pocketsphinx), {@code faster-whisper} or {@code pocketsphinx}. */
    @WithDefault("auto")
    String engine();

    /** faster-whisper model: a name such as {@code large-v3} or a local model directory. */
    @WithDefault("large-v3")
    String model();

    /** faster-whisper device: {@code cuda}, {@code cpu} or {@code auto}. */
    @WithDefault("cuda")
    String device();

    /** faster-whisper (CTranslate2) compute type, e.g. {@code float16}, {@code int8_float16}, {@code int8}. */
    @WithDefault("float16")
    String computeType();

    /**
     * Batch size of jobs that set no {@code batch_size}: 1-64, default 16 with {@code device=cuda}
     * and 1 elsewhere (see {@link BatchSizing}).
     */
    Optional<Integer> batchSize();

    /** The Python interpreter that runs the sidecar (it must see the engine's Python packages). */
    @WithDefault("python3")
    String python();

    /** Folder holding the {@code ytw_sidecar} package; default: {@code sidecar/} beside the fast-jar. */
    Optional<Path> sidecarDir();

    /** How long the sidecar may take to load the engine and report ready. */
    @WithDefault("600000")
    long sidecarStartTimeoutMs();

    /** How long a cancelled job may take to stop before the sidecar is killed and restarted. */
    @WithDefault("5000")
    long sidecarCancelGraceMs();

    /** A job's time limit is this many times its audio duration ... */
    @WithDefault("1.0")
    double transcribeTimeoutFactor();

    /** {@link #transcribeTimeoutFactor()}, refused unless above 0: the one place the setting is checked. */
    default double checkedTranscribeTimeoutFactor() {
        double factor = transcribeTimeoutFactor();
        if (!(factor > 0)) {
            throw new IllegalArgumentException("WORKER_TRANSCRIBE_TIMEOUT_FACTOR must be > 0, got " + factor);
        }
        return factor;
    }

    /** ... and at least this many milliseconds; past it the sidecar is killed and restarted. */
    @WithDefault("300000")
    long transcribeTimeoutMinMs();
}
