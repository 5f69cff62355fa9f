package com.ytwhisper.worker.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The env names the deployment uses reach the mappings, and the defaults are as documented. */
class StorageConfigTest {

    static SmallRyeConfig configFromEnv(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(StorageConfig.Aws.class)
                .withMapping(StorageConfig.S3.class)
                .withMapping(StorageConfig.Worker.class)
                .build();
    }

    static StorageDefaults defaults(SmallRyeConfig config) {
        return StorageDefaults.from(config.getConfigMapping(StorageConfig.Aws.class),
                config.getConfigMapping(StorageConfig.S3.class), config.getConfigMapping(StorageConfig.Worker.class));
    }

    @Test
    void envNamesSetEverySetting() {
        SmallRyeConfig config = configFromEnv(Map.ofEntries(
                Map.entry("AWS_ACCESS_KEY_ID", "AKIAFROMENV000000001"),
                Map.entry("AWS_SECRET_ACCESS_KEY", "secret-from-env"),
                Map.entry("AWS_REGION", "eu-central-1"),
                Map.entry("S3_ENDPOINT_URL", "http://minio:9000"),
                Map.entry("S3_BUCKET", "subtitles"),
                Map.entry("S3_KEY_PREFIX", "transcriptions/"),
                Map.entry("WORKER_ALLOW_INPUT_CREDENTIALS", "false"),
                Map.entry("WORKER_OUTPUT_DIR", "/data/out"),
                Map.entry("WORKER_S3_MAX_ATTEMPTS", "5"),
                Map.entry("WORKER_S3_BACKOFF_MS", "50"),
                Map.entry("WORKER_S3_CONNECT_TIMEOUT_MS", "1500"),
                Map.entry("WORKER_S3_TIMEOUT_MS", "2500")));

        assertEquals(new StorageDefaults("subtitles", "transcriptions/", URI.create("http://minio:9000"),
                new S3Credentials("AKIAFROMENV000000001", "secret-from-env", null), false, Path.of("/data/out")),
                defaults(config));
        assertEquals(new S3ClientSettings("eu-central-1", 5, Duration.ofMillis(50), Duration.ofMillis(1500),
                Duration.ofMillis(2500)), S3ClientSettings.from(config.getConfigMapping(StorageConfig.Aws.class),
                config.getConfigMapping(StorageConfig.Worker.class)));
    }

    @Test
    void defaults() {
        SmallRyeConfig config = configFromEnv(Map.of());

        StorageDefaults defaults = defaults(config);
        S3ClientSettings client = S3ClientSettings.from(config.getConfigMapping(StorageConfig.Aws.class),
                config.getConfigMapping(StorageConfig.Worker.class));

        assertEquals(new StorageDefaults(null, null, null, null, true, Path.of("./out")), defaults);
        assertEquals(new S3ClientSettings("us-east-1", 3, Duration.ofMillis(200), Duration.ofSeconds(5),
                Duration.ofSeconds(30)), client);
    }

    @Test
    void zeroS3AttemptsIsRefusedByName() {
        StorageConfig.Worker worker = configFromEnv(Map.of("WORKER_S3_MAX_ATTEMPTS", "0"))
                .getConfigMapping(StorageConfig.Worker.class);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, worker::checkedS3MaxAttempts);
        assertEquals("WORKER_S3_MAX_ATTEMPTS must be 1 or more, got 0", e.getMessage());
    }

    @Test
    void nonPositiveS3TimeoutsAreRefusedByName() {
        StorageConfig.Worker worker = configFromEnv(Map.of("WORKER_S3_CONNECT_TIMEOUT_MS", "0", "WORKER_S3_TIMEOUT_MS", "-5"))
                .getConfigMapping(StorageConfig.Worker.class);

        assertEquals("WORKER_S3_CONNECT_TIMEOUT_MS must be positive, got 0",
                assertThrows(IllegalArgumentException.class, worker::checkedS3ConnectTimeoutMs).getMessage());
        assertEquals("WORKER_S3_TIMEOUT_MS must be positive, got -5",
                assertThrows(IllegalArgumentException.class, worker::checkedS3TimeoutMs).getMessage());
    }

    @Test
    void halfAKeyPairInTheEnvironmentNamesTheMissingVariable() {
        SmallRyeConfig config = configFromEnv(Map.of("AWS_SECRET_ACCESS_KEY", "lonely-secret"));

        StorageException e = assertThrows(StorageException.class, () -> defaults(config));

        assertEquals("AWS_SECRET_ACCESS_KEY is set without AWS_ACCESS_KEY_ID: give both or neither.", e.getMessage());
        assertFalse(e.getMessage().contains("lonely-secret"));
    }

    @Test
    void aMalformedEndpointNamesTheVariable() {
        SmallRyeConfig config = configFromEnv(Map.of("S3_ENDPOINT_URL", "minio:9000"));

        StorageException e = assertThrows(StorageException.class, () -> defaults(config));

        assertEquals("S3_ENDPOINT_URL must start with http:// or https://: use a plain URL such as"
                + " https://s3.example.com.", e.getMessage());
    }

    @Test
    void aSessionTokenIsKeptWithTheKeys() {
        SmallRyeConfig config = configFromEnv(Map.of("AWS_ACCESS_KEY_ID", "AKIATEMP", "AWS_SECRET_ACCESS_KEY", "s",
                "AWS_SESSION_TOKEN", "token"));

        assertEquals("token", defaults(config).credentials().sessionToken());
        assertNull(defaults(configFromEnv(Map.of())).credentials());
    }
}
