package com.ytwhisper.worker.storage;

import com.ytwhisper.worker.subtitles.SubtitleFormat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.ytwhisper.testkit.s3.S3ErrorStandIn;
import com.ytwhisper.testkit.s3.S3ErrorStandIn.S3Error;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every storage error class and its message, against {@link S3ErrorStandIn} (S3Mock ignores
 * credentials) and against ports where nothing or nobody answers. The stand-in echoes the access
 * key id like AWS does; no message or stack trace may repeat a key.
 */
class S3ErrorsTest {

    static final String ACCESS_KEY = "AKIASTANDINKEY000042";
    static final String SECRET = "standin-secret-must-never-leak";
    static final S3Credentials KEYS = new S3Credentials(ACCESS_KEY, SECRET, "standin-session-token-never-shown");
    static final int MAX_ATTEMPTS = 3;

    static S3Clients clients;
    S3ErrorStandIn standIn;

    @BeforeAll
    static void createClients() {
        clients = new S3Clients(new S3ClientSettings("us-east-1", MAX_ATTEMPTS, Duration.ofMillis(5),
                Duration.ofSeconds(2), Duration.ofMillis(500)));
    }

    @AfterAll
    static void closeClients() {
        clients.close();
    }

    @AfterEach
    void stopStandIn() {
        if (standIn != null) {
            standIn.close();
        }
    }

    @Test
    void putSendsPathStyleRequestWithContentTypeExactly() {
        standIn = S3ErrorStandIn.start(S3Error.ACCESS_DENIED);

        assertThrows(StorageException.class, () -> storage("results", "transcriptions/").put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));

        S3ErrorStandIn.Request request = standIn.requests().get(0);
        assertEquals("PUT", request.method());
        assertEquals("/results/transcriptions/job.srt", request.path());
        assertEquals("127.0.0.1:" + standIn.endpoint().getPort(), request.host());
        assertEquals("application/x-subrip; charset=utf-8", request.contentType());
    }

    @Test
    void accessDeniedIsNotRetriedAndNamesThePermission() {
        standIn = S3ErrorStandIn.start(S3Error.ACCESS_DENIED);

        StorageException e = failedPut();

        assertEquals("Access to s3://results/job.srt at " + host() + " was denied (AccessDenied): grant these"
                + " credentials s3:PutObject on the bucket, or use other keys.", e.getMessage());
        assertEquals(1, standIn.requests().size());
        assertNoSecrets(e);
    }

    @Test
    void unknownAccessKeyNamesTheKeySettingsButNotTheKey() {
        standIn = S3ErrorStandIn.start(S3Error.INVALID_ACCESS_KEY_ID);

        StorageException e = failedPut();

        assertEquals(host() + " does not know the access key (InvalidAccessKeyId): check aws_access_key in the job"
                + " or AWS_ACCESS_KEY_ID on the worker.", e.getMessage());
        assertEquals(1, standIn.requests().size());
        assertNoSecrets(e);
    }

    @Test
    void wrongSecretNamesTheSecretSettingsButNotTheSecret() {
        standIn = S3ErrorStandIn.start(S3Error.SIGNATURE_DOES_NOT_MATCH);

        StorageException e = failedPut();

        assertEquals(host() + " rejected the request signature (SignatureDoesNotMatch), so the secret key does not"
                + " belong to the access key: check aws_secret_key in the job or AWS_SECRET_ACCESS_KEY on the worker.",
                e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void missingBucketNamesBucketSettings() {
        standIn = S3ErrorStandIn.start(S3Error.NO_SUCH_BUCKET);

        StorageException e = failedPut();

        assertEquals("Bucket \"results\" does not exist at " + host() + ": create it, or fix s3_bucket (S3_BUCKET)"
                + " or s3_endpoint_url (S3_ENDPOINT_URL).", e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void slowDownIsRetriedByTheSdkUpToMaxAttempts() {
        standIn = S3ErrorStandIn.start(S3Error.SLOW_DOWN);

        StorageException e = failedPut();

        assertEquals("S3 at " + host() + " kept failing with HTTP 503 SlowDown for s3://results/job.srt: try again"
                + " later, or raise WORKER_S3_MAX_ATTEMPTS if it persists.", e.getMessage());
        assertEquals(MAX_ATTEMPTS, standIn.requests().size(), "one retry layer: the SDK's, with its configured attempts");
        assertNoSecrets(e);
    }

    @Test
    void internalErrorIsRetriedToo() {
        standIn = S3ErrorStandIn.start(S3Error.INTERNAL_ERROR);

        StorageException e = failedPut();

        assertTrue(e.getMessage().startsWith("S3 at " + host() + " kept failing with HTTP 500 InternalError"), e.getMessage());
        assertEquals(MAX_ATTEMPTS, standIn.requests().size());
    }

    @Test
    void deniedDownloadNamesGetObject(@TempDir Path dir) {
        standIn = S3ErrorStandIn.start(S3Error.ACCESS_DENIED);
        Path file = dir.resolve("media.wav");

        StorageException e = assertThrows(StorageException.class,
                () -> storage("results", "").download("audio", "in/a.wav", file, 1000));

        assertEquals("Access to s3://audio/in/a.wav at " + host() + " was denied (AccessDenied): grant these"
                + " credentials s3:GetObject on the bucket, or use other keys.", e.getMessage());
        assertEquals("/audio/in/a.wav", standIn.requests().get(0).path());
        assertFalse(Files.exists(file));
        assertNoSecrets(e);
    }

    @Test
    void closedPortIsReportedAsRefusedWithTheEndpoint() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        S3Target target = new S3Target("results", "", URI.create("http://127.0.0.1:" + port), KEYS);

        StorageException e = assertThrows(StorageException.class,
                () -> new S3Storage(clients.clientFor(target), target).put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));

        assertEquals("Cannot reach the S3 endpoint 127.0.0.1:" + port + " (connection refused): check s3_endpoint_url"
                + " (S3_ENDPOINT_URL) and that the server is running.", e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void silentEndpointTimesOut() throws IOException {
        // the kernel accepts the connection into the backlog; nobody ever reads or answers
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            S3Target target = new S3Target("results", "", URI.create("http://127.0.0.1:" + silent.getLocalPort()), KEYS);

            StorageException e = assertThrows(StorageException.class,
                    () -> new S3Storage(clients.clientFor(target), target).put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));

            assertEquals("The S3 endpoint 127.0.0.1:" + silent.getLocalPort() + " did not answer in time: check"
                    + " s3_endpoint_url (S3_ENDPOINT_URL) and the network, or raise WORKER_S3_TIMEOUT_MS.", e.getMessage());
            assertNoSecrets(e);
        }
    }

    @Test
    void unknownHostIsNamed() {
        S3Target target = new S3Target("results", "", URI.create("http://s3.no-such-host.invalid:9000"), KEYS);

        StorageException e = assertThrows(StorageException.class,
                () -> new S3Storage(clients.clientFor(target), target).put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));

        assertEquals("Cannot reach the S3 endpoint s3.no-such-host.invalid:9000 (unknown host): check s3_endpoint_url"
                + " (S3_ENDPOINT_URL).", e.getMessage());
        assertNoSecrets(e);
    }

    @Test
    void noCredentialsAnywhereNamesBothWaysToGiveThem() {
        assumeTrue(System.getenv().keySet().stream().noneMatch(name -> name.startsWith("AWS_ACCESS_KEY")
                || name.startsWith("AWS_WEB_IDENTITY") || name.startsWith("AWS_CONTAINER_CREDENTIALS")),
                "the environment has AWS credentials of its own");
        standIn = S3ErrorStandIn.start(S3Error.ACCESS_DENIED);
        Map<String, String> noSources = Map.of("aws.disableEc2Metadata", "true",
                "aws.sharedCredentialsFile", "/nonexistent/credentials", "aws.configFile", "/nonexistent/config");
        noSources.forEach(System::setProperty);
        try (S3Clients fresh = new S3Clients(new S3ClientSettings("us-east-1", 1, Duration.ofMillis(5),
                Duration.ofSeconds(2), Duration.ofSeconds(2)))) {
            S3Target target = new S3Target("results", "", standIn.endpoint(), null);

            StorageException e = assertThrows(StorageException.class,
                    () -> new S3Storage(fresh.clientFor(target), target).put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));

            assertEquals("No S3 credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY on the worker,"
                    + " or give aws_access_key and aws_secret_key in the job.", e.getMessage());
            assertEquals(0, standIn.requests().size());
        } finally {
            noSources.keySet().forEach(System::clearProperty);
        }
    }

    private StorageException failedPut() {
        return assertThrows(StorageException.class, () -> storage("results", "").put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));
    }

    private S3Storage storage(String bucket, String prefix) {
        S3Target target = new S3Target(bucket, prefix, standIn.endpoint(), KEYS);
        return new S3Storage(clients.clientFor(target), target);
    }

    private String host() {
        return "127.0.0.1:" + standIn.endpoint().getPort();
    }

    /** Neither the message nor anything in the printed stack trace (causes included) shows a key. */
    static void assertNoSecrets(Throwable e) {
        StringWriter trace = new StringWriter();
        e.printStackTrace(new PrintWriter(trace));
        for (String secret : new String[]{ACCESS_KEY, SECRET, KEYS.sessionToken()}) {
            assertFalse(trace.toString().contains(secret), "stack trace shows a credential: " + trace);
        }
    }
}
