package com.ytwhisper.worker.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.s3.S3MockServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The real worker jar in platform mode with everything it talks to on loopback: the Runpod
 * emulator, a media server it may fetch from, and S3Mock as its bucket.
 */
final class PlatformWorkerFixture implements AutoCloseable {

    static final String BUCKET = "results";
    /** The worker's own S3 secret: no log line or output may ever show it. */
    static final String ENV_SECRET = "env-secret-DO-NOT-LEAK-7f3a";
    static final Duration JOB_WAIT = Duration.ofSeconds(120);

    final RunpodEmulator emulator = new RunpodEmulator();
    final MediaServer media;
    final S3MockServer s3 = S3MockServer.start(BUCKET);
    final S3Client s3Client;
    final Path dir;
    final Path workDir;
    final ChildProcess worker;

    PlatformWorkerFixture(SpeechFixtures.Speech speech, Map<String, String> extraEnv) throws Exception {
        media = MediaServer.start(speech);
        s3Client = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
        dir = Files.createTempDirectory("ytw-worker-it");
        workDir = dir.resolve("jobs");
        Map<String, String> env = new HashMap<>(emulator.workerEnv("pod-it", "key-it"));
        env.put("S3_ENDPOINT_URL", s3.endpoint().toString());
        env.put("S3_BUCKET", BUCKET);
        env.put("AWS_ACCESS_KEY_ID", "AKIAENVKEY");
        env.put("AWS_SECRET_ACCESS_KEY", ENV_SECRET);
        env.put("WORKER_ALLOW_PRIVATE_URLS", media.hostPort());
        env.put("WORKER_WORK_DIR", workDir.toString());
        env.put("WORKER_STATE_DIR", dir.resolve("state").toString());
        // these tests send one video many times and expect it transcribed each time; the cache's own
        // tests turn it back on
        env.put("WORKER_CACHE", "off");
        env.putAll(extraEnv);
        // Addresses a test allows on top of the media server are added to it, not put in its place.
        if (extraEnv.containsKey("WORKER_ALLOW_PRIVATE_URLS")) {
            env.put("WORKER_ALLOW_PRIVATE_URLS", media.hostPort() + "," + extraEnv.get("WORKER_ALLOW_PRIVATE_URLS"));
        }
        worker = WorkerJar.start(env, dir);
    }

    JsonNode run(String jobId, String input) {
        emulator.enqueue(jobId, input);
        return emulator.awaitFinal(jobId, JOB_WAIT);
    }

    byte[] object(String key) {
        return s3Client.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    List<String> objectKeys() {
        return s3Client.listObjectsV2(b -> b.bucket(BUCKET)).contents().stream().map(S3Object::key).toList();
    }

    long jobFolders() throws Exception {
        if (!Files.isDirectory(workDir)) {
            return 0;
        }
        try (var left = Files.list(workDir)) {
            return left.count();
        }
    }

    /** Stops the worker with SIGTERM and returns its exit status. */
    int stop() throws Exception {
        worker.terminate();
        return worker.waitFor(Duration.ofSeconds(60));
    }

    @Override
    public void close() throws Exception {
        if (worker.isAlive()) {
            stop();
        }
        worker.close();
        for (AutoCloseable c : new AutoCloseable[] {s3Client, s3, media, emulator}) {
            c.close();
        }
    }
}
