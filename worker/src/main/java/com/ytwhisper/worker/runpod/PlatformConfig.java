package com.ytwhisper.worker.runpod;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/** What the Runpod platform tells a worker through its environment (docs/runpod-protocol.md §1.2). */
@ConfigMapping(prefix = "runpod")
public interface PlatformConfig {

    /** RUNPOD_WEBHOOK_GET_JOB: job-take URL template; its presence selects platform mode. */
    Optional<String> webhookGetJob();

    /** RUNPOD_WEBHOOK_POST_OUTPUT: job-done URL template (results and progress). */
    Optional<String> webhookPostOutput();

    /** RUNPOD_WEBHOOK_POST_STREAM: job-stream URL template: transcript pieces while a job transcribes (unset: no streaming). */
    Optional<String> webhookPostStream();

    /** RUNPOD_WEBHOOK_PING: heartbeat URL template. */
    Optional<String> webhookPing();

    /** RUNPOD_AI_API_KEY: sent raw as {@code Authorization} on every platform call. */
    Optional<String> aiApiKey();

    /** RUNPOD_POD_ID: this worker's id, substituted into the URL templates. */
    Optional<String> podId();

    /** RUNPOD_POD_HOSTNAME: reported in error objects. */
    Optional<String> podHostname();

    /** RUNPOD_PING_INTERVAL: heartbeat interval in milliseconds. */
    @WithDefault("10000")
    long pingInterval();

    /** RUNPOD_ENDPOINT_ID: when set, logs are JSON lines as the platform's log view expects. */
    Optional<String> endpointId();
}
