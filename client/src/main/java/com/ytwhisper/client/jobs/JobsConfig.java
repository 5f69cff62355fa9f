package com.ytwhisper.client.jobs;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Client behaviour and job defaults ({@code YTW_*}). Durations accept {@code 90s}, {@code 45m},
 * {@code 4h}, {@code 250ms} or a number of seconds.
 */
@ConfigMapping(prefix = "ytw")
public interface JobsConfig {

    /** Time between two polling rounds of the background poller. */
    @WithDefault("15s")
    Duration pollInterval();

    /** How often {@code ytw wait} re-reads the status files. */
    @WithDefault("1s")
    Duration waitRefresh();

    /** A job still {@code starting} this long after submit lost its submitter and is marked error. */
    @WithDefault("10m")
    Duration submitStaleAfter();

    /** How long the poller's circuit breaker stays open after repeated outages, in milliseconds. */
    @WithDefault("60000")
    long breakerDelayMs();

    /** Default {@code policy.executionTimeout}: generous for a 4-hour video (Runpod's default is 600 s). */
    @WithDefault("3h")
    Duration executionTimeout();

    /** Default {@code policy.ttl} (queue plus run); unset keeps Runpod's 24 h. */
    Optional<Duration> ttl();

    /** The yt-dlp program used by {@code --local-download}. */
    @WithDefault("yt-dlp")
    String ytDlp();

    /** Longest time a {@code --local-download} may take. */
    @WithDefault("1h")
    Duration localDownloadTimeout();

    /** Default transcription language ({@code language} in the job input); unset lets the worker detect it. */
    Optional<String> language();

    /** Default subtitle formats ({@code formats}), comma-separated, e.g. {@code srt,vtt}. */
    Optional<List<String>> formats();
}
