package com.ytwhisper.client.jobs;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** S3 credentials ({@code AWS_*}); sent to the worker only with {@code --pass-credentials}. */
@ConfigMapping(prefix = "aws")
public interface AwsConfig {

    /** Access key id. */
    Optional<String> accessKeyId();

    /** Secret access key; never printed or written. */
    Optional<String> secretAccessKey();

    /** Region of the bucket. */
    Optional<String> region();
}
