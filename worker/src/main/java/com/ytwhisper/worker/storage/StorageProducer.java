package com.ytwhisper.worker.storage;

import com.ytwhisper.worker.egress.UrlPolicy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Wires the storage classes from the environment; the S3 clients are closed on shutdown. */
@ApplicationScoped
public class StorageProducer {

    @Produces
    @Singleton
    S3Clients s3Clients(StorageConfig.Aws aws, StorageConfig.Worker worker, UrlPolicy policy) {
        return new S3Clients(S3ClientSettings.from(aws, worker), policy);
    }

    void closeClients(@Disposes S3Clients clients) {
        clients.close();
    }

    @Produces
    @Singleton
    StorageResolver storageResolver(S3Clients clients, StorageConfig.Aws aws, StorageConfig.S3 s3,
                                    StorageConfig.Worker worker, UrlPolicy policy) {
        return new StorageResolver(StorageDefaults.from(aws, s3, worker), clients, policy);
    }
}
