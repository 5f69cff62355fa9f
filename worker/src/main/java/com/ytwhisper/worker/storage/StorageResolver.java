package com.ytwhisper.worker.storage;

import java.net.URI;
import java.util.Optional;

/**
 * Decides where a job's results go and which client reads its {@code s3://} audio. Job fields win
 * over the environment (a blank field counts as not given); job keys only where
 * {@code WORKER_ALLOW_INPUT_CREDENTIALS} allows them.
 */
public final class StorageResolver {

    private final StorageDefaults defaults;
    private final S3Clients clients;

    public StorageResolver(StorageDefaults defaults, S3Clients clients) {
        this.defaults = defaults;
        this.clients = clients;
    }

    /** The S3 target for results, or empty when neither the job nor the environment names a bucket. */
    public Optional<S3Target> s3Target(StorageRequest job) {
        String bucket = firstGiven(job.bucket(), defaults.bucket());
        if (bucket == null) {
            return Optional.empty();
        }
        return Optional.of(new S3Target(bucket, firstGiven(job.keyPrefix(), defaults.keyPrefix()),
                endpoint(job), credentials(job)));
    }

    /**
     * Where results go: the S3 target, else the local folder when {@code localFolderAllowed}
     * (test-input and local-API modes).
     *
     * @throws StorageException naming {@code s3_bucket}/{@code S3_BUCKET} when there is no bucket and
     *                          no local folder may be used (platform mode)
     */
    public Storage forResults(StorageRequest job, boolean localFolderAllowed) {
        Optional<S3Target> target = s3Target(job);
        if (target.isPresent()) {
            return new S3Storage(clients.clientFor(target.get()), target.get());
        }
        if (!localFolderAllowed) {
            throw StorageException.missingBucket();
        }
        return new LocalFolderStorage(defaults.outputDir(), firstGiven(job.keyPrefix(), defaults.keyPrefix()));
    }

    /** Reads an {@code s3://bucket/...} audio_url with the job's endpoint and credentials. */
    public S3Storage forAudio(StorageRequest job, String bucket) {
        S3Target target = new S3Target(bucket, "", endpoint(job), credentials(job));
        return new S3Storage(clients.clientFor(target), target);
    }

    private URI endpoint(StorageRequest job) {
        return job.endpoint() != null ? job.endpoint() : defaults.endpoint();
    }

    private S3Credentials credentials(StorageRequest job) {
        if (job.credentials() == null) {
            return defaults.credentials();
        }
        if (!defaults.allowInputCredentials()) {
            throw new StorageException("This worker does not accept aws_access_key and aws_secret_key in the job"
                    + " (WORKER_ALLOW_INPUT_CREDENTIALS=false): remove them and rely on the worker's own credentials.");
        }
        return job.credentials();
    }

    private static String firstGiven(String fromJob, String fromEnv) {
        if (!S3Credentials.isBlank(fromJob)) {
            return fromJob;
        }
        return S3Credentials.isBlank(fromEnv) ? null : fromEnv;
    }
}
