package com.ytwhisper.client.runpod;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Endpoint API settings ({@code RUNPOD_*}). The key and endpoint id may also come from files in
 * {@code $YT_JOBS_HOME/config/} (see {@link RunpodTarget}). Retry and timeout numbers are wired
 * into the fault-tolerance annotations of {@link RunpodCalls} by {@code application.properties}.
 */
@ConfigMapping(prefix = "runpod")
public interface RunpodConfig {

    /** API key sent as {@code Authorization: Bearer}; else read from {@code config/runpod_api_key}. */
    Optional<String> apiKey();

    /** Endpoint id; else read from {@code config/runpod_endpoint_id.txt}. */
    Optional<String> endpointId();

    /** Base of the endpoint API; a loopback URL (the worker's local API) needs no key. */
    @WithDefault("https://api.runpod.ai/v2")
    String endpointBaseUrl();

    /** Time allowed to open a connection, in milliseconds. */
    @WithDefault("5000")
    long connectTimeoutMs();

    /** Time allowed for one status, cancel, retry, health or purge call, in milliseconds. */
    @WithDefault("15000")
    long callTimeoutMs();

    /** Time allowed for one {@code /run} call; after it the submit outcome is unknown. */
    @WithDefault("30000")
    long submitTimeoutMs();

    /** Retries after a failed call (429, 5xx, connection or read failure). */
    @WithDefault("4")
    int maxRetries();

    /** First back-off delay in milliseconds; it doubles on each retry, with jitter. */
    @WithDefault("1000")
    long retryDelayMs();

    /** Longest single back-off delay (also caps a server's Retry-After), in milliseconds. */
    @WithDefault("30000")
    long retryMaxDelayMs();

    /** Longest time spent retrying one call, in milliseconds. */
    @WithDefault("120000")
    long retryMaxDurationMs();
}
