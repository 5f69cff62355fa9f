package com.ytwhisper.worker.storage;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * Storage settings from the environment. The prefixes spell the env names the deployment already
 * uses: {@code aws.access-key-id} is set by {@code AWS_ACCESS_KEY_ID}, {@code s3.endpoint-url} by
 * {@code S3_ENDPOINT_URL}, {@code worker.output-dir} by {@code WORKER_OUTPUT_DIR}.
 */
public final class StorageConfig {

    private StorageConfig() {
    }

    /** The worker's own AWS settings. */
    @ConfigMapping(prefix = "aws")
    public interface Aws {

        /** Access key id; with the secret, used when a job brings no keys of its own (else the SDK's default chain). */
        Optional<String> accessKeyId();

        /** Secret access key paired with {@link #accessKeyId()}. */
        Optional<String> secretAccessKey();

        /** Session token for temporary credentials. */
        Optional<String> sessionToken();

        /** Region used to sign requests and to find AWS S3 when no endpoint is set. */
        @WithDefault("us-east-1")
        String region();
    }

    /** The worker's default target; job fields override each of them. */
    @ConfigMapping(prefix = "s3")
    public interface S3 {

        /** S3-compatible endpoint, e.g. {@code https://s3.example.com}; absent means AWS S3. */
        Optional<String> endpointUrl();

        /** Bucket for results when the job names none. */
        Optional<String> bucket();

        /** Key prefix for results when the job names none; prepended as is ({@code transcriptions/}). */
        Optional<String> keyPrefix();
    }

    /** How the worker talks to S3 and where results go when there is no bucket. */
    @ConfigMapping(prefix = "worker")
    public interface Worker {

        /** Whether jobs may bring their own {@code aws_access_key}/{@code aws_secret_key}. */
        @WithDefault("true")
        boolean allowInputCredentials();

        /** Folder for results when no bucket is set (test-input and local-API modes only). */
        @WithDefault("./out")
        String outputDir();

        /** Attempts per S3 call, the first included (the SDK's retry strategy is the only retry layer). */
        @WithDefault("3")
        int s3MaxAttempts();

        /** {@link #s3MaxAttempts()}, refused below 1: the one place the setting is checked. */
        default int checkedS3MaxAttempts() {
            int attempts = s3MaxAttempts();
            if (attempts < 1) {
                throw new IllegalArgumentException("WORKER_S3_MAX_ATTEMPTS must be 1 or more, got " + attempts);
            }
            return attempts;
        }

        /** Base delay of the exponential backoff between S3 attempts, in milliseconds. */
        @WithDefault("200")
        long s3BackoffMs();

        /** How long to wait for a TCP connection to the S3 endpoint, in milliseconds. */
        @WithDefault("5000")
        long s3ConnectTimeoutMs();

        /** How long an S3 connection may stay silent before the attempt fails, in milliseconds. */
        @WithDefault("30000")
        long s3TimeoutMs();

        /** {@link #s3ConnectTimeoutMs()}, refused unless positive: the one place it is checked. */
        default long checkedS3ConnectTimeoutMs() {
            if (s3ConnectTimeoutMs() <= 0) {
                throw new IllegalArgumentException("WORKER_S3_CONNECT_TIMEOUT_MS must be positive, got "
                        + s3ConnectTimeoutMs());
            }
            return s3ConnectTimeoutMs();
        }

        /** {@link #s3TimeoutMs()}, refused unless positive: the one place it is checked. */
        default long checkedS3TimeoutMs() {
            if (s3TimeoutMs() <= 0) {
                throw new IllegalArgumentException("WORKER_S3_TIMEOUT_MS must be positive, got " + s3TimeoutMs());
            }
            return s3TimeoutMs();
        }
    }
}
