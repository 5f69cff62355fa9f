package com.ytwhisper.worker.storage;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds one S3 client per endpoint and credentials and keeps it for later jobs; closes them all on
 * shutdown. The SDK's standard retry strategy, configured here, is the only retry layer.
 */
public final class S3Clients implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3Clients.class);

    /** Jobs with their own keys add clients; beyond this many the least recently used is closed. */
    static final int MAX_CLIENTS = 16;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);

    private record Key(URI endpoint, S3Credentials credentials) {
    }

    private final S3ClientSettings settings;
    private final Map<Key, S3Client> clients = new LinkedHashMap<>(MAX_CLIENTS, 0.75f, true);
    private DefaultCredentialsProvider defaultChain;

    public S3Clients(S3ClientSettings settings) {
        this.settings = settings;
    }

    /** The client for the target's endpoint and credentials (the bucket plays no part). */
    public synchronized S3Client clientFor(S3Target target) {
        Key key = new Key(target.endpoint(), target.credentials());
        S3Client client = clients.get(key);
        if (client == null) {
            client = build(key);
            clients.put(key, client);
            evictBeyondLimit();
        }
        return client;
    }

    /** Number of clients held; for tests. */
    synchronized int size() {
        return clients.size();
    }

    private void evictBeyondLimit() {
        var eldest = clients.entrySet().iterator();
        while (clients.size() > MAX_CLIENTS) {
            eldest.next().getValue().close();
            eldest.remove();
        }
    }

    private S3Client build(Key key) {
        LOG.infof("Creating S3 client for %s (%s credentials)", S3Target.endpointName(key.endpoint()),
                key.credentials() == null ? "default chain" : "static");
        boolean custom = key.endpoint() != null;
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentialsProvider(key.credentials()))
                .httpClientBuilder(UrlConnectionHttpClient.builder()
                        .connectionTimeout(settings.connectTimeout())
                        .socketTimeout(settings.readTimeout()))
                .overrideConfiguration(o -> o.retryStrategy(retryStrategy()))
                .serviceConfiguration(S3Configuration.builder()
                        .pathStyleAccessEnabled(custom)
                        // results are small; and HttpURLConnection loses early error answers to 100-continue
                        .expectContinueEnabled(false)
                        .build());
        if (custom) {
            // S3-compatible stores vary in support for the SDK's newer default checksum headers
            builder.endpointOverride(key.endpoint())
                    .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                    .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
        }
        return builder.build();
    }

    private RetryStrategy retryStrategy() {
        BackoffStrategy backoff = BackoffStrategy.exponentialDelay(settings.backoffBase(), MAX_BACKOFF);
        return AwsRetryStrategy.standardRetryStrategy().toBuilder()
                .maxAttempts(settings.maxAttempts())
                .backoffStrategy(backoff)
                .throttlingBackoffStrategy(backoff)
                .build();
    }

    private AwsCredentialsProvider credentialsProvider(S3Credentials credentials) {
        if (credentials == null) {
            if (defaultChain == null) {
                defaultChain = DefaultCredentialsProvider.builder().build();
            }
            return defaultChain;
        }
        return StaticCredentialsProvider.create(credentials.sessionToken() == null
                ? AwsBasicCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey())
                : AwsSessionCredentials.create(credentials.accessKeyId(), credentials.secretAccessKey(),
                        credentials.sessionToken()));
    }

    @Override
    public synchronized void close() {
        List<S3Client> open = new ArrayList<>(clients.values());
        clients.clear();
        open.forEach(S3Client::close);
        if (defaultChain != null) {
            defaultChain.close();
            defaultChain = null;
        }
    }
}
