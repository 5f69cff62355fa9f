package com.ytwhisper.worker.storage;

import java.net.URI;
import java.nio.file.Path;

/**
 * What the worker's environment says about storage; every field but the flag and the folder may
 * be null.
 *
 * @param allowInputCredentials whether jobs may bring their own keys ({@code WORKER_ALLOW_INPUT_CREDENTIALS})
 * @param outputDir             folder for results when no bucket is set ({@code WORKER_OUTPUT_DIR})
 */
public record StorageDefaults(String bucket, String keyPrefix, URI endpoint, S3Credentials credentials,
                              boolean allowInputCredentials, Path outputDir) {

    /** Reads the environment's settings, failing with a clear message on a malformed value. */
    public static StorageDefaults from(StorageConfig.Aws aws, StorageConfig.S3 s3, StorageConfig.Worker worker) {
        return new StorageDefaults(
                s3.bucket().map(String::trim).orElse(null),
                s3.keyPrefix().orElse(null),
                S3Target.parseEndpoint(s3.endpointUrl().orElse(null), "S3_ENDPOINT_URL"),
                S3Credentials.ofOptional(aws.accessKeyId().orElse(null), aws.secretAccessKey().orElse(null),
                        aws.sessionToken().orElse(null), "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"),
                worker.allowInputCredentials(),
                Path.of(worker.outputDir()));
    }
}
