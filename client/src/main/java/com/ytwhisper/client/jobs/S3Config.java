package com.ytwhisper.client.jobs;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** S3 settings with the worker's names ({@code S3_*}): job defaults and where results are looked up. */
@ConfigMapping(prefix = "s3")
public interface S3Config {

    /** Bucket for results; the default of {@code --s3-bucket}. */
    Optional<String> bucket();

    /** Key prefix for results, e.g. {@code transcriptions/}; the default of {@code --s3-prefix}. */
    Optional<String> keyPrefix();

    /** S3-compatible endpoint, e.g. {@code https://s3.example.com}; unset means AWS. */
    Optional<String> endpointUrl();
}
