package com.ytwhisper.worker.egress;

import io.smallrye.config.ConfigMapping;
import java.util.Optional;

/** Which destinations jobs may reach ({@code WORKER_*}); read by downloads and by job S3 endpoints alike. */
@ConfigMapping(prefix = "worker")
public interface EgressConfig {

    /** Non-public destinations jobs may reach: {@code true}, or host:port and CIDR entries ({@code WORKER_ALLOW_PRIVATE_URLS}). */
    Optional<String> allowPrivateUrls();

    /** Public hosts jobs may reach, exact or {@code *.suffix}; empty allows all ({@code WORKER_URL_ALLOWLIST}). */
    Optional<String> urlAllowlist();
}
