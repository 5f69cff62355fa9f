package com.ytwhisper.worker.egress;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the one {@link UrlPolicy} that downloads and job S3 endpoints answer to. */
@ApplicationScoped
public class EgressBeans {

    @Produces
    @Singleton
    public UrlPolicy urlPolicy(EgressConfig config) {
        return UrlPolicy.of(config.allowPrivateUrls().orElse(""), config.urlAllowlist().orElse(""));
    }
}
