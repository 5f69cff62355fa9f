package com.ytwhisper.worker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ConfigMappingNamesTest {

    @Test
    void methodNamesBecomeKebabCaseProperties() {
        assertEquals("max-duration-s", ConfigMappingNames.kebab("maxDurationS"));
        assertEquals("s3-max-attempts", ConfigMappingNames.kebab("s3MaxAttempts"));
        assertEquals("url-allowlist", ConfigMappingNames.kebab("URLAllowlist"));
        assertEquals("WORKER_MAX_DURATION_S", ConfigMappingNames.envName("worker.max-duration-s"));
    }

    @Test
    void everyMappingInAFileCountsWithNestedMappingsAndGroups() {
        String source = SourceText.withoutJavaComments("""
                public final class StorageConfig {
                    @ConfigMapping(prefix = "aws")
                    public interface Aws {
                        /** Access key id; see {@link #region()}. */
                        Optional<String> accessKeyId();
                        @WithDefault("us-east-1") // the SDK's default
                        String region();
                    }
                    @ConfigMapping(prefix = "yt")
                    interface Home {
                        Optional<java.nio.file.Path> jobsHome();
                        Limits limits();
                        interface Limits {
                            @WithName("max") int maximum();
                        }
                    }
                }
                """);
        assertEquals(Set.of("AWS_ACCESS_KEY_ID", "AWS_REGION", "YT_JOBS_HOME", "YT_LIMITS_MAX"), ConfigMappingNames.in(source));
    }
}
