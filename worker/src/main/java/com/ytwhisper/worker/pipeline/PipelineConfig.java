package com.ytwhisper.worker.pipeline;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** The pipeline's own settings. */
@ConfigMapping(prefix = "worker")
public interface PipelineConfig {

    /** WORKER_IGNORE_UNKNOWN_INPUT: log and ignore unknown input fields instead of failing the job. */
    @WithDefault("false")
    boolean ignoreUnknownInput();

    /** WORKER_WORK_DIR: where per-job folders live (default {@code <tmp>/ytw-worker-jobs}). */
    Optional<String> workDir();

    /** Set by the worker's launcher, not by users (see {@link WorkerMode}). */
    @WithDefault("platform")
    WorkerMode mode();
}
