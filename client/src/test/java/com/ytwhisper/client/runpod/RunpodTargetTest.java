package com.ytwhisper.client.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunpodTargetTest {

    @TempDir
    Path config;

    @Test
    void environmentWinsOverFiles() throws Exception {
        Files.writeString(config.resolve("runpod_endpoint_id.txt"), "from-file\n");
        writeKey("file-key-0123456789", "rw-------");
        RunpodTarget target = RunpodTarget.resolve(settings("env-key-0123456789", "from-env", "https://api.runpod.ai/v2"), config);
        assertEquals("from-env", target.endpointId());
        assertEquals("Bearer env-key-0123456789", target.authorization());
        assertFalse(target.toString().contains("env-key"), target.toString());
    }

    @Test
    void filesAreReadWhenTheEnvironmentIsSilent() throws Exception {
        Files.writeString(config.resolve("runpod_endpoint_id.txt"), "  abc123xyz \n");
        writeKey("file-key-0123456789\n", "rw-------");
        RunpodTarget target = RunpodTarget.resolve(settings(null, null, "https://api.runpod.ai/v2/"), config);
        assertEquals("abc123xyz", target.endpointId());
        assertEquals("file-key-0123456789", target.apiKey());
        assertEquals(URI.create("https://api.runpod.ai/v2"), target.baseUrl());
    }

    @Test
    void aKeyFileOthersCanReadIsRefusedWithTheFix() throws Exception {
        Files.writeString(config.resolve("runpod_endpoint_id.txt"), "abc");
        Path key = writeKey("file-key-0123456789", "rw-r--r--");
        ConfigProblem problem = assertThrows(ConfigProblem.class,
                () -> RunpodTarget.resolve(settings(null, null, "https://api.runpod.ai/v2"), config));
        assertTrue(problem.getMessage().contains("chmod 600 " + key), problem.getMessage());
        assertFalse(problem.getMessage().contains("file-key"), problem.getMessage());
    }

    @Test
    void missingSettingsNameWhatToSet() {
        ConfigProblem noEndpoint = assertThrows(ConfigProblem.class,
                () -> RunpodTarget.resolve(settings("k-0123456789", null, "https://api.runpod.ai/v2"), config));
        assertTrue(noEndpoint.getMessage().contains("RUNPOD_ENDPOINT_ID"), noEndpoint.getMessage());
        assertTrue(noEndpoint.getMessage().contains(config.resolve("runpod_endpoint_id.txt").toString()));
        ConfigProblem noKey = assertThrows(ConfigProblem.class,
                () -> RunpodTarget.resolve(settings(null, "abc", "https://api.runpod.ai/v2"), config));
        assertTrue(noKey.getMessage().contains("RUNPOD_API_KEY"), noKey.getMessage());
        ConfigProblem badUrl = assertThrows(ConfigProblem.class,
                () -> RunpodTarget.resolve(settings("k-0123456789", "abc", "api.runpod.ai"), config));
        assertTrue(badUrl.getMessage().contains("RUNPOD_ENDPOINT_BASE_URL"), badUrl.getMessage());
    }

    @Test
    void aLoopbackBaseUrlNeedsNoKey() {
        for (String url : new String[] { "http://127.0.0.1:8000/v2", "http://localhost:8000/v2", "http://[::1]:8000/v2" }) {
            RunpodTarget target = RunpodTarget.resolve(settings(null, "local", url), config);
            assertNull(target.authorization(), url);
        }
        assertThrows(ConfigProblem.class, () -> RunpodTarget.resolve(settings(null, "local", "http://10.0.0.5:8000/v2"), config));
        assertThrows(ConfigProblem.class, () -> RunpodTarget.resolve(settings(null, "local", "http://127.0.0.1.example.com/v2"), config));
    }

    private Path writeKey(String key, String permissions) throws Exception {
        Path file = config.resolve("runpod_api_key");
        Files.writeString(file, key);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(permissions));
        return file;
    }

    private static RunpodConfig settings(String key, String endpoint, String baseUrl) {
        return new RunpodConfig() {
            @Override
            public Optional<String> apiKey() {
                return Optional.ofNullable(key);
            }

            @Override
            public Optional<String> endpointId() {
                return Optional.ofNullable(endpoint);
            }

            @Override
            public String endpointBaseUrl() {
                return baseUrl;
            }

            @Override
            public long connectTimeoutMs() {
                return 1000;
            }

            @Override
            public long callTimeoutMs() {
                return 1000;
            }

            @Override
            public long submitTimeoutMs() {
                return 1000;
            }

            @Override
            public int maxRetries() {
                return 1;
            }

            @Override
            public long retryDelayMs() {
                return 1;
            }

            @Override
            public long retryMaxDelayMs() {
                return 1;
            }

            @Override
            public long retryMaxDurationMs() {
                return 1;
            }
        };
    }
}
