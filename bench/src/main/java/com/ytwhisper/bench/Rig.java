package com.ytwhisper.bench;

import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.s3.S3MockServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * What every item shares: the repository's built programs, a scratch folder, and the fixtures a real
 * job needs (media server with spoken test video, S3Mock), started once and only when first needed.
 */
final class Rig implements AutoCloseable {

    static final String BUCKET = "bench";
    static final String API_KEY = "bench-key";

    final Path root;
    final Path scratch;
    final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    /** Debian's interpreter, where python3-pocketsphinx lives. */
    final String sidecarPython = System.getProperty("sidecar.python", "/usr/bin/python3");
    private MediaServer media;
    private MediaServer longMedia;
    private S3MockServer s3;

    Rig(Path root) {
        this.root = root.toAbsolutePath().normalize();
        try {
            this.scratch = Files.createTempDirectory("ytw-bench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path workerJar() {
        return root.resolve("worker/target/quarkus-app/quarkus-run.jar");
    }

    Path benchDir() {
        return root.resolve("bench");
    }

    synchronized MediaServer media() {
        if (media == null) {
            media = MediaServer.start(SpeechFixtures.speech());
        }
        return media;
    }

    /** Serves the test sentence spoken six times (about 22 s), for jobs whose transcription should take a while. */
    synchronized MediaServer longMedia() {
        if (longMedia == null) {
            longMedia = MediaServer.start(SpeechFixtures.speech(String.join(" ", SpeechFixtures.TEXT, SpeechFixtures.TEXT,
                    SpeechFixtures.TEXT)));
        }
        return longMedia;
    }

    synchronized S3MockServer s3() {
        if (s3 == null) {
            s3 = S3MockServer.start(BUCKET);
        }
        return s3;
    }

    /** A fresh folder under the scratch folder. */
    Path folder(String name) {
        try {
            return Files.createTempDirectory(scratch, name + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The platform's environment for a worker with the pocketsphinx engine, production pacing, the
     * transcript cache off, and its own work and state folders; for real jobs ({@code media} not null) also that media server and S3Mock.
     */
    Map<String, String> workerEnv(RunpodEmulator emulator, String podId, int concurrency, MediaServer media) {
        Path dir = folder(podId);
        Map<String, String> env = new LinkedHashMap<>(emulator.workerEnv(podId, API_KEY));
        env.put("WORKER_ENGINE", "pocketsphinx");
        env.put("WORKER_PYTHON", sidecarPython);
        env.put("WORKER_CONCURRENCY", Integer.toString(concurrency));
        env.put("WORKER_WORK_DIR", dir.resolve("jobs").toString());
        env.put("WORKER_STATE_DIR", dir.resolve("state").toString());
        // the items repeat one video and measure its download and transcription: only item 8 turns the cache on
        env.put("WORKER_CACHE", "off");
        if (media != null) {
            env.put("WORKER_ALLOW_PRIVATE_URLS", media.hostPort());
            env.put("S3_ENDPOINT_URL", s3().endpoint().toString());
            env.put("S3_BUCKET", BUCKET);
            env.put("AWS_ACCESS_KEY_ID", "bench");
            env.put("AWS_SECRET_ACCESS_KEY", "bench-secret");
        }
        return env;
    }

    @Override
    public void close() {
        if (s3 != null) {
            s3.close();
        }
        for (MediaServer m : new MediaServer[] {media, longMedia}) {
            if (m != null) {
                m.close();
            }
        }
        try (Stream<Path> paths = Files.walk(scratch)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }
}
