package com.ytwhisper.worker.storage;

import com.ytwhisper.worker.egress.UrlPolicy;
import java.net.URI;
import java.util.Optional;

/**
 * Decides where a job's results go and which client reads its {@code s3://} audio. Job fields win
 * over the environment (a blank field counts as not given); job keys only where
 * {@code WORKER_ALLOW_INPUT_CREDENTIALS} allows them. A job's own endpoint must pass the
 * {@link UrlPolicy} like any URL a job supplies, is reached through an egress guard, and never
 * gets the environment's credentials: those go only to the environment's endpoint
 * ({@code S3_ENDPOINT_URL}, or AWS S3).
 */
public final class StorageResolver {

    private static final String ENDPOINT_FIELD = "s3_endpoint_url";

    private final StorageDefaults defaults;
    private final S3Clients clients;
    private final UrlPolicy policy;

    /** Refuses every non-public job endpoint ({@link UrlPolicy#strict()}). */
    public StorageResolver(StorageDefaults defaults, S3Clients clients) {
        this(defaults, clients, UrlPolicy.strict());
    }

    public StorageResolver(StorageDefaults defaults, S3Clients clients, UrlPolicy policy) {
        this.defaults = defaults;
        this.clients = clients;
        this.policy = policy;
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
            return storage(job, target.get());
        }
        if (!localFolderAllowed) {
            throw StorageException.missingBucket();
        }
        return new LocalFolderStorage(defaults.outputDir(), firstGiven(job.keyPrefix(), defaults.keyPrefix()));
    }

    /** Reads an {@code s3://bucket/...} audio_url with the job's endpoint and credentials. */
    public S3Storage forAudio(StorageRequest job, String bucket) {
        S3Target target = new S3Target(bucket, "", endpoint(job), credentials(job));
        return storage(job, target);
    }

    private S3Storage storage(StorageRequest job, S3Target target) {
        S3Clients.Held held = clients.held(target, isJobEndpoint(job));
        return new S3Storage(held.client(), target, held.guard());
    }

    /** Whether the job names an endpoint of its own (the environment's, spelled the same, is not). */
    private boolean isJobEndpoint(StorageRequest job) {
        return job.endpoint() != null && !sameEndpoint(job.endpoint(), defaults.endpoint());
    }

    private static boolean sameEndpoint(URI a, URI b) {
        return b != null && a.normalize().toString().replaceFirst("/+$", "")
                .equalsIgnoreCase(b.normalize().toString().replaceFirst("/+$", ""));
    }

    /** @throws com.ytwhisper.worker.egress.UrlRefusedException naming s3_endpoint_url when the policy refuses it */
    private URI endpoint(StorageRequest job) {
        if (isJobEndpoint(job)) {
            policy.checkEndpointUrl(ENDPOINT_FIELD, job.endpoint().toString());
            return job.endpoint();
        }
        return defaults.endpoint();
    }

    private S3Credentials credentials(StorageRequest job) {
        if (job.credentials() == null) {
            if (isJobEndpoint(job)) {
                throw new StorageException(ENDPOINT_FIELD + " is set without aws_access_key and aws_secret_key: the"
                        + " worker's own credentials go only to its own endpoint (S3_ENDPOINT_URL, or AWS S3), so give"
                        + " the keys for " + S3Target.endpointName(job.endpoint()) + " in aws_access_key and"
                        + " aws_secret_key, or leave " + ENDPOINT_FIELD + " out.");
            }
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
