package com.ytwhisper.worker.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.egress.UrlRefusedException;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where results go; nothing here touches the network (clients are built, never called). */
class StorageResolverTest {

    static final S3Credentials ENV_KEYS = new S3Credentials("AKIAENVKEY0000000001", "env-secret-never-printed", null);
    static final S3Credentials JOB_KEYS = new S3Credentials("AKIAJOBKEY0000000001", "job-secret-never-printed", null);
    static final URI ENV_ENDPOINT = URI.create("https://s3.env.example");
    static final Path OUT = Path.of("build-out");

    final S3Clients clients = new S3Clients(new S3ClientSettings("us-east-1", 1, Duration.ofMillis(1),
            Duration.ofSeconds(1), Duration.ofSeconds(1)));

    @AfterEach
    void close() {
        clients.close();
    }

    /** Every name answers one public address: a stand-in DNS, so nothing here asks the network. */
    static final UrlPolicy PUBLIC_DNS = UrlPolicy.of("", "",
            host -> new InetAddress[]{InetAddress.getByAddress(host, new byte[]{(byte) 203, 0, 114, 7})});

    StorageResolver resolver(String bucket, boolean allowInputCredentials) {
        return new StorageResolver(new StorageDefaults(bucket, "env/", ENV_ENDPOINT, ENV_KEYS, allowInputCredentials, OUT),
                clients, PUBLIC_DNS);
    }

    @Test
    void aJobEndpointWithoutJobKeysIsRefusedNamingBothFields() {
        StorageRequest results = StorageRequest.fromJob("job-bucket", null, "http://collector.example:9000", null, null);
        StorageRequest audio = new StorageRequest(null, null, URI.create("http://collector.example:9000"), null);

        for (var attempt : List.<org.junit.jupiter.api.function.Executable>of(
                () -> resolver("env-bucket", true).forResults(results, false),
                () -> resolver(null, true).forAudio(audio, "audio-bucket"))) {
            StorageException e = assertThrows(StorageException.class, attempt);
            assertTrue(e.getMessage().startsWith("s3_endpoint_url is set without aws_access_key and aws_secret_key"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("collector.example:9000"), e.getMessage());
        }
        assertEquals(0, clients.size(), "no client was made for the job's endpoint");
    }

    @Test
    void theEnvironmentsEndpointNamedByAJobKeepsTheEnvironmentsKeys() {
        StorageRequest job = StorageRequest.fromJob(null, null, ENV_ENDPOINT + "/", null, null);

        S3Target target = resolver("env-bucket", true).s3Target(job).orElseThrow();

        assertSame(ENV_KEYS, target.credentials());
    }

    @Test
    void aJobEndpointOnAPrivateAddressIsRefusedByTheEgressPolicy() {
        StorageRequest job = StorageRequest.fromJob("b", null, "http://10.0.0.7:9000", JOB_KEYS.accessKeyId(),
                JOB_KEYS.secretAccessKey());

        UrlRefusedException e = assertThrows(UrlRefusedException.class,
                () -> resolver("env-bucket", true).forResults(job, false));

        assertEquals("s3_endpoint_url", e.field());
        assertTrue(e.getMessage().contains("private address"), e.getMessage());
    }

    @Test
    void environmentAppliesWhenTheJobGivesNothing() {
        S3Target target = resolver("env-bucket", true).s3Target(StorageRequest.none()).orElseThrow();

        assertEquals(new S3Target("env-bucket", "env/", ENV_ENDPOINT, ENV_KEYS), target);
        assertTrue(target.pathStyle());
        assertEquals("s3.env.example", target.endpointName());
    }

    @Test
    void jobFieldsOverrideTheEnvironment() {
        StorageRequest job = StorageRequest.fromJob("job-bucket", "jobs/", "http://minio.example:9000",
                JOB_KEYS.accessKeyId(), JOB_KEYS.secretAccessKey());

        S3Target target = resolver("env-bucket", true).s3Target(job).orElseThrow();

        assertEquals(new S3Target("job-bucket", "jobs/", URI.create("http://minio.example:9000"), JOB_KEYS), target);
        assertEquals("minio.example:9000", target.endpointName());
    }

    @Test
    void blankJobFieldsCountAsNotGiven() {
        StorageRequest job = StorageRequest.fromJob(" ", "", "", null, "");

        assertEquals(new S3Target("env-bucket", "env/", ENV_ENDPOINT, ENV_KEYS),
                resolver("env-bucket", true).s3Target(job).orElseThrow());
    }

    @Test
    void jobKeysAreRefusedWhenTheWorkerDoesNotAllowThem() {
        StorageRequest job = new StorageRequest("b", null, null, JOB_KEYS);

        StorageException e = assertThrows(StorageException.class, () -> resolver("env-bucket", false).s3Target(job));

        assertEquals("This worker does not accept aws_access_key and aws_secret_key in the job"
                + " (WORKER_ALLOW_INPUT_CREDENTIALS=false): remove them and rely on the worker's own credentials.",
                e.getMessage());
    }

    @Test
    void noBucketAnywhereIsAnErrorWhereResultsMustGoToS3() {
        StorageException e = assertThrows(StorageException.class,
                () -> resolver(null, true).forResults(StorageRequest.none(), false));

        assertEquals("No S3 bucket is set: give s3_bucket in the job input or set S3_BUCKET on the worker.", e.getMessage());
    }

    @Test
    void noBucketAnywhereMeansTheLocalFolderWhereThatIsAllowed() {
        StorageRequest job = StorageRequest.fromJob(null, "jobs/", null, null, null);

        Storage storage = resolver(null, true).forResults(job, true);

        LocalFolderStorage local = assertInstanceOf(LocalFolderStorage.class, storage);
        assertEquals(OUT.toAbsolutePath().normalize(), local.root());
    }

    @Test
    void aBucketMeansS3EvenWhereTheLocalFolderIsAllowed() {
        Storage storage = resolver("env-bucket", true).forResults(StorageRequest.none(), true);

        assertEquals("env-bucket", assertInstanceOf(S3Storage.class, storage).target().bucket());
    }

    @Test
    void awsWithoutEndpointUsesVirtualHostsAndTheDefaultChainWithoutKeys() {
        StorageResolver resolver = new StorageResolver(new StorageDefaults("b", null, null, null, true, OUT), clients,
                PUBLIC_DNS);

        S3Target target = resolver.s3Target(StorageRequest.none()).orElseThrow();

        assertFalse(target.pathStyle());
        assertNull(target.credentials());
        assertEquals("", target.keyPrefix());
        assertEquals("AWS S3", target.endpointName());
    }

    @Test
    void audioIsReadWithTheJobsEndpointAndKeys() {
        StorageRequest job = new StorageRequest(null, null, URI.create("http://other.example"), JOB_KEYS);

        S3Target target = resolver(null, true).forAudio(job, "audio-bucket").target();

        assertEquals(new S3Target("audio-bucket", "", URI.create("http://other.example"), JOB_KEYS), target);
    }

    @Test
    void onlyOneJobKeyIsAnError() {
        StorageException e = assertThrows(StorageException.class,
                () -> StorageRequest.fromJob("b", null, null, "AKIAONLYID", null));

        assertEquals("aws_access_key is set without aws_secret_key: give both or neither.", e.getMessage());
    }

    @Test
    void malformedEndpointsAreRefusedWithTheFieldName() {
        for (String bad : new String[]{"s3.example.com", "ftp://s3.example.com", "http://user:pw@s3.example.com",
                "http://s3.example.com/?x=1", "http://"}) {
            StorageException e = assertThrows(StorageException.class,
                    () -> StorageRequest.fromJob("b", null, bad, null, null), bad);
            assertTrue(e.getMessage().startsWith("s3_endpoint_url "), e.getMessage());
            assertTrue(e.getMessage().endsWith(": use a plain URL such as https://s3.example.com."), e.getMessage());
            assertFalse(e.getMessage().contains("pw"), e.getMessage());
        }
    }

    @Test
    void clientsAreSharedPerEndpointAndKeysAndBounded() {
        S3Target a = new S3Target("one", "", ENV_ENDPOINT, ENV_KEYS);
        S3Target sameClient = new S3Target("two", "x/", ENV_ENDPOINT, ENV_KEYS);
        S3Target otherKeys = new S3Target("one", "", ENV_ENDPOINT, JOB_KEYS);

        assertSame(clients.clientFor(a), clients.clientFor(sameClient));
        assertNotSame(clients.clientFor(a), clients.clientFor(otherKeys));
        for (int i = 0; i < S3Clients.MAX_CLIENTS + 5; i++) {
            clients.clientFor(new S3Target("b", "", URI.create("http://host" + i + ".example"), ENV_KEYS));
        }
        assertEquals(S3Clients.MAX_CLIENTS, clients.size());
    }

    @Test
    void toStringNeverShowsSecrets() {
        S3Credentials withToken = new S3Credentials("AKIATOSTRING00000001", "tostring-secret", "tostring-token");
        String shown = new StorageRequest("b", "p/", ENV_ENDPOINT, withToken) + " "
                + new S3Target("b", "p/", ENV_ENDPOINT, withToken) + " " + withToken;

        for (String secret : new String[]{"AKIATOSTRING00000001", "tostring-secret", "tostring-token"}) {
            assertFalse(shown.contains(secret), shown);
        }
        assertTrue(shown.contains("s3.env.example"), shown);
    }
}
