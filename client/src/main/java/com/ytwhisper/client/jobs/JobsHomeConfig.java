package com.ytwhisper.client.jobs;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** {@code YT_JOBS_HOME}: the folder holding status/, work/ and config/. */
@ConfigMapping(prefix = "yt")
public interface JobsHomeConfig {

    /** The jobs folder; unset means {@code ~/yt_jobs}. */
    Optional<Path> jobsHome();

    default Path resolvedJobsHome() {
        return jobsHome().orElseGet(() -> Path.of(System.getProperty("user.home"), "yt_jobs"));
    }
}
