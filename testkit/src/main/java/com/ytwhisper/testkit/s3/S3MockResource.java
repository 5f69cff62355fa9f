package com.ytwhisper.testkit.s3;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Runs an {@link S3MockServer} for a Quarkus test and points the worker at it with the settings
 * the {@code S3_ENDPOINT_URL}, {@code S3_BUCKET}, {@code AWS_*} env names set. The bucket comes
 * from the init argument {@value #BUCKET_ARG} (default {@value #DEFAULT_BUCKET}).
 * Keys are placeholders: S3Mock ignores credentials.
 */
public class S3MockResource implements QuarkusTestResourceLifecycleManager {

    public static final String BUCKET_ARG = "bucket";
    public static final String DEFAULT_BUCKET = "test-bucket";

    private String bucket = DEFAULT_BUCKET;
    private S3MockServer server;

    @Override
    public void init(Map<String, String> initArgs) {
        bucket = initArgs.getOrDefault(BUCKET_ARG, DEFAULT_BUCKET);
    }

    @Override
    public Map<String, String> start() {
        server = S3MockServer.start(bucket);
        return Map.of(
                "s3.endpoint-url", server.endpoint().toString(),
                "s3.bucket", bucket,
                "aws.access-key-id", "s3mock-access-key",
                "aws.secret-access-key", "s3mock-secret-key",
                "aws.region", "us-east-1");
    }

    @Override
    public void stop() {
        if (server != null) {
            server.close();
            server = null;
        }
    }
}
