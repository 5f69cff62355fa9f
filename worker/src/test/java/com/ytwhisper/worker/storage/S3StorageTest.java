package com.ytwhisper.worker.storage;

import com.ytwhisper.worker.ExternalProcesses;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.s3.S3MockServer;
import com.ytwhisper.worker.egress.EgressGuard;
import com.ytwhisper.worker.egress.TrapListener;
import com.ytwhisper.worker.egress.UrlPolicy;
import java.net.InetAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.core.ResponseBytes;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/** Uploads and downloads against a real S3Mock child process. */
@ExternalProcesses
class S3StorageTest {

    static final S3Credentials KEYS = new S3Credentials("AKIAS3MOCKTEST000001", "s3mock-secret-never-printed", null);

    static S3MockServer s3mock;
    static S3Clients clients;
    /** S3Mock listens on loopback; a job endpoint there must be allowed as for local testing. */
    static UrlPolicy ALLOW_S3MOCK;
    static S3Target target;
    static S3Client client;

    @BeforeAll
    static void startS3Mock() {
        s3mock = S3MockServer.start("results", "audio");
        ALLOW_S3MOCK = UrlPolicy.of("127.0.0.1:" + s3mock.port(), "");
        clients = new S3Clients(new S3ClientSettings("us-east-1", 2, Duration.ofMillis(10),
                Duration.ofSeconds(2), Duration.ofSeconds(10)), ALLOW_S3MOCK);
        target = new S3Target("results", "transcriptions/", s3mock.endpoint(), KEYS);
        client = clients.clientFor(target);
    }

    @AfterAll
    static void stopS3Mock() {
        if (clients != null) {
            clients.close();
        }
        if (s3mock != null) {
            s3mock.close();
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "job-1.srt  | application/x-subrip; charset=utf-8 | 1\\n00:00:00,000 --> 00:00:01,500\\nHallo Welt – ünïcode\\n",
            "job-1.vtt  | text/vtt                            | WEBVTT\\n\\n00:00:00.000 --> 00:00:01.500\\nhello\\n",
            "job-1.json | application/json                    | {\"segments\":[{\"start\":0.0,\"text\":\"hello\"}]}",
            "job-1.txt  | text/plain                          | hello world"})
    void putStoresContentAndContentTypeExactly(String name, String contentType, String text) {
        byte[] content = text.replace("\\n", "\n").getBytes(StandardCharsets.UTF_8);

        StoredObject stored = new S3Storage(client, target).put(name, content, contentType);

        String key = "transcriptions/" + name;
        assertEquals(new StoredObject("s3://results/" + key, key, "results"), stored);
        ResponseBytes<GetObjectResponse> back = client.getObjectAsBytes(b -> b.bucket("results").key(key));
        assertArrayEquals(content, back.asByteArray());
        // S3Mock stores the type through Spring's MediaType, which drops the space after ';'; the exact
        // header on the wire is asserted against S3ErrorStandIn in S3ErrorsTest
        assertEquals(contentType.replace("; ", ";"), back.response().contentType());
    }

    @Test
    void putWithoutPrefixUsesTheNameAsKey() {
        S3Target noPrefix = new S3Target("results", "", s3mock.endpoint(), KEYS);

        StoredObject stored = new S3Storage(clients.clientFor(noPrefix), noPrefix).put("plain.srt", new byte[]{'x'}, SubtitleFormat.SRT.contentType());

        assertEquals("plain.srt", stored.key());
        assertEquals("s3://results/plain.srt", stored.path());
        assertSame(client, clients.clientFor(noPrefix), "same endpoint and keys share one client");
    }

    @Test
    void putToMissingBucketNamesBucketAndFix() {
        S3Target missing = new S3Target("no-such-bucket", "", s3mock.endpoint(), KEYS);

        StorageException e = assertThrows(StorageException.class,
                () -> new S3Storage(client, missing).put("a.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));

        assertEquals("Bucket \"no-such-bucket\" does not exist at 127.0.0.1:" + s3mock.port()
                + ": create it, or fix s3_bucket (S3_BUCKET) or s3_endpoint_url (S3_ENDPOINT_URL).", e.getMessage());
    }

    @Test
    void theWriteCheckPassesWithoutLeavingAnObjectOrUpload() {
        new S3Storage(client, target).checkWritable("checked-1.srt");

        assertTrue(client.listObjectsV2(b -> b.bucket("results").prefix("transcriptions/checked-1")).contents().isEmpty(),
                "the write check left an object");
        assertTrue(client.listMultipartUploads(b -> b.bucket("results")).uploads().stream()
                .noneMatch(u -> u.key().equals("transcriptions/checked-1.srt")), "the write check left an upload open");
    }

    @Test
    void theWriteCheckNamesAMissingBucketBeforeAnyWork() {
        S3Target missing = new S3Target("no-such-bucket", "", s3mock.endpoint(), KEYS);

        StorageException e = assertThrows(StorageException.class, () -> new S3Storage(client, missing).checkWritable("a.srt"));

        assertTrue(e.getMessage().startsWith("Bucket \"no-such-bucket\" does not exist at 127.0.0.1:" + s3mock.port()),
                e.getMessage());
    }

    @Test
    void theWriteCheckNamesAnEndpointThatRefusesConnections() throws Exception {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        S3Target down = new S3Target("results", "", java.net.URI.create("http://127.0.0.1:" + closed), KEYS);

        StorageException e = assertThrows(StorageException.class,
                () -> new S3Storage(clients.clientFor(down), down).checkWritable("a.srt"));

        assertTrue(e.getMessage().startsWith("Cannot reach the S3 endpoint 127.0.0.1:" + closed + " (connection refused)"),
                e.getMessage());
    }

    @Test
    void downloadsAnS3AudioObject(@TempDir Path dir) throws Exception {
        byte[] audio = new byte[300_000];
        new Random(7).nextBytes(audio);
        client.putObject(b -> b.bucket("audio").key("talks/a.wav"), RequestBody.fromBytes(audio));
        Path file = dir.resolve("media.wav");

        long written = new S3Storage(client, target).download("audio", "talks/a.wav", file, audio.length);

        assertEquals(audio.length, written);
        assertArrayEquals(audio, Files.readAllBytes(file));
    }

    @Test
    void downloadOverTheLimitFailsAndLeavesNoFile(@TempDir Path dir) {
        client.putObject(b -> b.bucket("audio").key("big.wav"), RequestBody.fromBytes(new byte[5000]));
        Path file = dir.resolve("media.wav");

        StorageException e = assertThrows(StorageException.class,
                () -> new S3Storage(client, target).download("audio", "big.wav", file, 4999));

        assertEquals("s3://audio/big.wav is larger than the limit of 4999 bytes: use a shorter recording"
                + " or raise WORKER_MAX_DOWNLOAD_BYTES.", e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void downloadOfMissingKeyNamesAudioUrl(@TempDir Path dir) {
        Path file = dir.resolve("media.wav");

        StorageException e = assertThrows(StorageException.class,
                () -> new S3Storage(client, target).download("audio", "nothing-here.wav", file, 1000));

        assertEquals("s3://audio/nothing-here.wav does not exist at 127.0.0.1:" + s3mock.port()
                + ": check audio_url.", e.getMessage());
        assertFalse(Files.exists(file));
    }

    @Test
    void resolverReadsAudioWithTheJobsEndpoint(@TempDir Path dir) {
        client.putObject(b -> b.bucket("audio").key("job.wav"), RequestBody.fromBytes(new byte[]{1, 2, 3}));
        StorageResolver resolver = new StorageResolver(
                new StorageDefaults(null, null, null, null, true, dir), clients, ALLOW_S3MOCK);
        StorageRequest job = new StorageRequest(null, null, s3mock.endpoint(), KEYS);

        S3Storage reader = resolver.forAudio(job, "audio");

        assertEquals(3, reader.download("audio", "job.wav", dir.resolve("m.wav"), 10));
        assertTrue(reader.target().pathStyle());
        EgressGuard guard = clients.held(reader.target(), true).guard();
        assertTrue(guard.accessLog().stream().anyMatch(l -> l.contains("127.0.0.1:" + s3mock.port())),
                "a job's endpoint is reached through its guard: " + guard.accessLog());
    }

    /**
     * DNS rebinding: the job's endpoint name answers a public address when the job starts and
     * 127.0.0.1 (where S3Mock stands for the worker's own services) at upload. The guard checks
     * the address of every connection, so the upload is refused and nothing reaches S3Mock. The
     * answers come from a stand-in resolver: the JDK's own cannot be made to change its mind.
     */
    @Test
    void aJobEndpointThatRebindsToLoopbackAfterTheCheckGetsNoRequest(@TempDir Path dir) {
        String name = "rebinding.test";
        AtomicInteger lookups = new AtomicInteger();
        UrlPolicy rebinding = UrlPolicy.of("", "", host -> new InetAddress[]{InetAddress.getByAddress(host,
                lookups.getAndIncrement() == 0 ? new byte[]{(byte) 203, 0, 114, 7} : new byte[]{127, 0, 0, 1})});
        TrapListener trap = TrapListener.start();
        URI endpoint = URI.create("http://" + name + ":" + trap.port());
        try (trap; S3Clients own = new S3Clients(new S3ClientSettings("us-east-1", 1, Duration.ofMillis(10),
                Duration.ofSeconds(2), Duration.ofSeconds(10)), rebinding)) {
            StorageResolver resolver = new StorageResolver(new StorageDefaults(null, null, null, null, true, dir), own,
                    rebinding);
            Storage storage = resolver.forResults(new StorageRequest("results", "rebind/", endpoint, KEYS), false);
            assertEquals(1, lookups.get(), "the endpoint was checked once when the job started");

            StorageException e = assertThrows(StorageException.class,
                    () -> storage.put("x.srt", new byte[]{'x'}, SubtitleFormat.SRT.contentType()));

            assertTrue(e.getMessage().startsWith("s3_endpoint_url " + name + ":" + trap.port() + " led to a destination"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("loopback address 127.0.0.1"), e.getMessage());
            assertEquals(List.of(), trap.seen(), "nothing reached the loopback address");
        }
    }
}
