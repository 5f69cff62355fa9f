package com.ytwhisper.worker.storage;

import java.net.URI;

/**
 * A job's own storage fields; each is null when the job does not give it, and then the
 * environment's value applies.
 */
public record StorageRequest(String bucket, String keyPrefix, URI endpoint, S3Credentials credentials) {

    /** A job that names no storage at all. */
    public static StorageRequest none() {
        return new StorageRequest(null, null, null, null);
    }

    /**
     * Reads the storage fields of docs/prototype-contract.md, Job input ({@code s3_bucket},
     * {@code s3_key_prefix}, {@code s3_endpoint_url}, {@code aws_access_key}, {@code aws_secret_key});
     * each may be null.
     *
     * @throws StorageException naming the field when the endpoint is malformed or only one key is given
     */
    public static StorageRequest fromJob(String bucket, String keyPrefix, String endpointUrl,
                                         String accessKey, String secretKey) {
        return new StorageRequest(
                S3Credentials.isBlank(bucket) ? null : bucket.trim(),
                keyPrefix,
                S3Target.parseEndpoint(endpointUrl, "s3_endpoint_url"),
                S3Credentials.ofOptional(accessKey, secretKey, null, "aws_access_key", "aws_secret_key"));
    }
}
