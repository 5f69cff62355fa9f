package com.ytwhisper.worker.download;

import com.ytwhisper.worker.egress.UpstreamProxy;
import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.egress.EgressGuard;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;

/** Builds the download package's objects from configuration; the classes themselves stay plain (singletons, no proxies). */
@ApplicationScoped
public class DownloadBeans {

    @Produces
    @Singleton
    DownloadLimits downloadLimits(DownloadConfig config) {
        return new DownloadLimits(Duration.ofSeconds(config.maxDurationS()), config.maxDownloadBytes(),
                Duration.ofSeconds(config.downloadTimeoutS()));
    }

    @Produces
    @Singleton
    EgressGuard.Settings egressSettings(DownloadConfig config, YtDlpConfig ytdlp) {
        config.checkedEgressLimits();
        return new EgressGuard.Settings(Duration.ofMillis(config.egressConnectTimeoutMs()),
                Duration.ofMillis(config.egressIdleTimeoutMs()), config.egressMaxConnections(),
                UpstreamProxy.parse(ytdlp.proxy().orElse("")));
    }

    @Produces
    @Singleton
    Tools tools(DownloadConfig config) {
        return new Tools(config.ytdlp(), config.ffmpeg(), config.ffprobe());
    }

    @Produces
    @Singleton
    YtDlpDownloader ytDlpDownloader(UrlPolicy policy, Tools tools, DownloadLimits limits, EgressGuard.Settings egress,
                                    YtDlpConfig ytdlp) {
        return new YtDlpDownloader(policy, tools, limits, egress, ytdlp.cookies().orElse(""));
    }

    @Produces
    @Singleton
    AudioConverter audioConverter(Tools tools, DownloadLimits limits) {
        return new AudioConverter(tools, limits);
    }
}
