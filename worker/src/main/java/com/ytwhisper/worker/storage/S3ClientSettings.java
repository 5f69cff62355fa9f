package com.ytwhisper.worker.storage;

import java.time.Duration;

/**
 * How every S3 client is built: plain values, checked where they are read ({@link StorageConfig.Worker}).
 *
 * @param region         signing region, also AWS S3's region when no endpoint is set
 * @param maxAttempts    attempts per call, the first included (the SDK's retry strategy)
 * @param backoffBase    base delay of the exponential backoff between attempts
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    how long a connection may stay silent
 */
public record S3ClientSettings(String region, int maxAttempts, Duration backoffBase,
                               Duration connectTimeout, Duration readTimeout) {

    public static S3ClientSettings from(StorageConfig.Aws aws, StorageConfig.Worker worker) {
        return new S3ClientSettings(aws.region(), worker.checkedS3MaxAttempts(),
                Duration.ofMillis(worker.s3BackoffMs()),
                Duration.ofMillis(worker.checkedS3ConnectTimeoutMs()),
                Duration.ofMillis(worker.checkedS3TimeoutMs()));
    }
}
