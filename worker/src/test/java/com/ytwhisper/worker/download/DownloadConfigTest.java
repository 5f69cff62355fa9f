package com.ytwhisper.worker.download;

import com.ytwhisper.worker.egress.UrlRefusedException;
import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.egress.EgressBeans;
import com.ytwhisper.worker.egress.EgressConfig;
import com.ytwhisper.worker.egress.EgressGuard;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.EnvConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The environment names the README documents reach the mappings, and the beans are built from them. */
class DownloadConfigTest {

    private static SmallRyeConfig config(Map<String, String> env) {
        return new SmallRyeConfigBuilder()
                .withSources(new EnvConfigSource(env, 300))
                .withMapping(DownloadConfig.class)
                .withMapping(YtDlpConfig.class)
                .withMapping(EgressConfig.class)
                .build();
    }

    @Test
    void theEgressGuardsLimitsMustBePositive() {
        for (String name : new String[] {"WORKER_EGRESS_CONNECT_TIMEOUT_MS", "WORKER_EGRESS_IDLE_TIMEOUT_MS",
                "WORKER_EGRESS_MAX_CONNECTIONS"}) {
            SmallRyeConfig config = config(Map.of(name, "0"));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new DownloadBeans()
                    .egressSettings(config.getConfigMapping(DownloadConfig.class), config.getConfigMapping(YtDlpConfig.class)));
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void defaults() {
        SmallRyeConfig config = config(Map.of());
        DownloadConfig download = config.getConfigMapping(DownloadConfig.class);
        DownloadLimits limits = new DownloadBeans().downloadLimits(download);
        assertEquals(new DownloadLimits(Duration.ofSeconds(14400), 2147483648L, Duration.ofSeconds(3600)), limits);
        assertEquals(Tools.onPath(), new DownloadBeans().tools(download));
        assertEquals(Optional.empty(), config.getConfigMapping(YtDlpConfig.class).cookies());
        assertThrows(UrlRefusedException.class,
                () -> new EgressBeans().urlPolicy(config.getConfigMapping(EgressConfig.class)).checkHttpUrl("youtube_url", "http://127.0.0.1/"));
    }

    @Test
    void environmentNames() {
        SmallRyeConfig config = config(Map.of(
                "WORKER_MAX_DURATION_S", "60", "WORKER_MAX_DOWNLOAD_BYTES", "1000", "WORKER_DOWNLOAD_TIMEOUT_S", "5",
                "WORKER_ALLOW_PRIVATE_URLS", "127.0.0.1:9000", "WORKER_URL_ALLOWLIST", "*.example.com",
                "WORKER_YTDLP", "/opt/yt-dlp", "WORKER_EGRESS_MAX_CONNECTIONS", "4",
                "YTDLP_PROXY", "http://u:p@proxy.example:3128", "YTDLP_COOKIES", "/run/secrets/cookies.txt"));
        DownloadConfig download = config.getConfigMapping(DownloadConfig.class);
        DownloadBeans beans = new DownloadBeans();
        assertEquals(new DownloadLimits(Duration.ofSeconds(60), 1000, Duration.ofSeconds(5)), beans.downloadLimits(download));
        assertEquals("/opt/yt-dlp", beans.tools(download).ytdlp());
        UrlPolicy policy = new EgressBeans().urlPolicy(config.getConfigMapping(EgressConfig.class));
        assertDoesNotThrow(() -> policy.checkHttpUrl("youtube_url", "http://127.0.0.1:9000/a.mp4"));
        EgressGuard.Settings egress = beans.egressSettings(download, config.getConfigMapping(YtDlpConfig.class));
        assertEquals(4, egress.maxConnections());
        assertEquals("proxy.example", egress.upstream().orElseThrow().host());
        assertEquals(Optional.of("/run/secrets/cookies.txt"), config.getConfigMapping(YtDlpConfig.class).cookies());
    }

    @Test
    void badSettingsFailAtStartWithTheirName() {
        EgressConfig egress = config(Map.of("WORKER_ALLOW_PRIVATE_URLS", "yes please")).getConfigMapping(EgressConfig.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new EgressBeans().urlPolicy(egress));
        assertTrue(e.getMessage().contains("WORKER_ALLOW_PRIVATE_URLS"), e.getMessage());
    }
}
