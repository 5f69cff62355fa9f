package com.ytwhisper.worker.storage;

import com.ytwhisper.worker.egress.EgressGuard;
import com.ytwhisper.worker.egress.UrlPolicy;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jboss.logging.Logger;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.urlconnection.ProxyConfiguration;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.retries.api.BackoffStrategy;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.S3Configuration;

/**
 * Builds one S3 client per endpoint and credentials and keeps it for later jobs; closes them all on
 * shutdown. The SDK's standard retry strategy, configured here, is the only retry layer. A client
 * for a job's own endpoint ({@code s3_endpoint_url}) reaches it only through its own
 * {@link EgressGuard}, which checks every connection's address with the {@link UrlPolicy} and
 * connects to the address it checked: a name that answers a public address at the job's start and
 * a private one later (DNS rebinding) is refused. TLS still runs end to end, verified by name.
 */
public final class S3Clients implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(S3Clients.class);

    /** Jobs with their own keys add clients; beyond this many the least recently used is closed. */
    static final int MAX_CLIENTS = 16;
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(20);
    private static final int GUARD_CONNECTIONS = 64;

    /** @param jobEndpoint whether the endpoint came from a job, so that its traffic goes through a guard */
    private record Key(URI endpoint, S3Credentials credentials, boolean jobEndpoint) {
    }

    /** A client and, for a job's endpoint, the guard it connects through. */
    record Held(S3Client client, EgressGuard guard) {

        void close() {
            client.close();
            if (guard != null) {
                guard.close();
            }
        }
    }

    private final S3ClientSettings settings;
    private final UrlPolicy policy;
    private final Map<Key, Held> clients = new LinkedHashMap<>(MAX_CLIENTS, 0.75f, true);
    private DefaultCredentialsProvider defaultChain;

    /** For the environment's endpoints only: job endpoints are refused by {@link UrlPolicy#strict()}. */
    public S3Clients(S3ClientSettings settings) {
        this(settings, UrlPolicy.strict());
    }

    /** @param policy what a job's endpoint may resolve to, checked on every connection */
    public S3Clients(S3ClientSettings settings, UrlPolicy policy) {
        this.settings = settings;
        this.policy = policy;
    }

    /** The client for the target's endpoint and credentials (the bucket plays no part); for the environment's endpoint. */
    public S3Client clientFor(S3Target target) {
        return held(target, false).client();
    }

    /** The client for the environment's endpoint ({@code jobEndpoint} false) or a job's, with its guard. */
    synchronized Held held(S3Target target, boolean jobEndpoint) {
        Key key = new Key(target.endpoint(), target.credentials(), jobEndpoint && target.endpoint() != null);
        Held held = clients.get(key);
        if (held == null) {
            held = build(key);
            clients.put(key, held);
            evictBeyondLimit();
        }
        return held;
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

    private Held build(Key key) {
        LOG.infof("Creating S3 client for %s (%s credentials%s)", S3Target.endpointName(key.endpoint()),
                key.credentials() == null ? "default chain" : "static", key.jobEndpoint() ? ", through an egress guard" : "");
        boolean custom = key.endpoint() != null;
        EgressGuard guard = key.jobEndpoint() ? startGuard() : null;
        UrlConnectionHttpClient.Builder http = UrlConnectionHttpClient.builder()
                .connectionTimeout(settings.connectTimeout())
                .socketTimeout(settings.readTimeout());
        if (guard != null) {
            http.proxyConfiguration(ProxyConfiguration.builder().endpoint(URI.create(guard.proxyUrl()))
                    .nonProxyHosts(Set.of()).useSystemPropertyValues(false).useEnvironmentVariablesValues(false).build());
        }
        S3ClientBuilder builder = S3Client.builder()
                .region(Region.of(settings.region()))
                .credentialsProvider(credentialsProvider(key.credentials()))
                .httpClientBuilder(http)
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
        try {
            return new Held(builder.build(), guard);
        } catch (RuntimeException e) {
            if (guard != null) {
                guard.close();
            }
            throw e;
        }
    }

    private EgressGuard startGuard() {
        EgressGuard.Settings guardSettings = new EgressGuard.Settings(settings.connectTimeout(), settings.readTimeout(),
                GUARD_CONNECTIONS, Optional.empty());
        try {
            return EgressGuard.start(policy, guardSettings, Long.MAX_VALUE, () -> { });
        } catch (IOException e) {
            throw new StorageException("Cannot open the egress guard for s3_endpoint_url (" + e.getMessage()
                    + "): the worker could not listen on a loopback port.", e);
        }
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
        List<Held> open = new ArrayList<>(clients.values());
        clients.clear();
        open.forEach(Held::close);
        if (defaultChain != null) {
            defaultChain.close();
            defaultChain = null;
        }
    }
}
