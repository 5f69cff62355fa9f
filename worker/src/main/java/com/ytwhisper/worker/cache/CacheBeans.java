package com.ytwhisper.worker.cache;

import com.ytwhisper.worker.download.YtDlpDownloader;
import com.ytwhisper.worker.egress.EgressGuard;
import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.storage.StorageResolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Builds the cache from configuration; the class itself stays plain. */
@ApplicationScoped
public class CacheBeans {

    @Produces
    @Singleton
    TranscriptCache transcriptCache(CacheConfig config, YtDlpDownloader downloader, UrlPolicy policy,
                                    EgressGuard.Settings guardSettings, StorageResolver storage) {
        return new TranscriptCache(config.cache(), downloader, policy, guardSettings, storage);
    }
}
