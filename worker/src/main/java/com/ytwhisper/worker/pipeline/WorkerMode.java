package com.ytwhisper.worker.pipeline;

import java.util.Locale;

/**
 * How the worker was launched, decided once by its launcher before Quarkus starts and handed to
 * the pipeline as the {@code worker.mode} property (its {@link #wireName()}).
 */
public enum WorkerMode {
    /** Jobs from Runpod's queue: results need a bucket. */
    PLATFORM,
    /** One job from {@code --test_input} or {@code test_input.json}. */
    TEST_INPUT,
    /** The endpoint API served on localhost ({@code --rp_serve_api}). */
    LOCAL_API;

    /** {@code platform}, {@code test-input} or {@code local-api}, as SmallRye Config reads enums. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** Without a bucket, results go to WORKER_OUTPUT_DIR, and local files may be given: never on the platform. */
    public boolean localFilesAllowed() {
        return this != PLATFORM;
    }
}
