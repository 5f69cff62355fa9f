package com.ytwhisper.worker.cache;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The transcript cache's setting. */
@ConfigMapping(prefix = "worker")
public interface CacheConfig {

    /**
     * WORKER_CACHE: {@code on} keeps each finished transcript in the job's own bucket (or
     * WORKER_OUTPUT_DIR) and reuses it for the same media and options; {@code off} neither reads nor
     * writes entries and skips the metadata probe.
     */
    @WithDefault("on")
    String cache();
}
