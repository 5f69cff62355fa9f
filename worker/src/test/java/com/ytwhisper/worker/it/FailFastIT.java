package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Failures that must be named for what they are, before the job spends download and engine time,
 * and without another job's data. The worker runs under the POSIX locale (LANG=C) throughout, and
 * its work folder is a small tmpfs of its own where the test may mount one (as root).
 */
class FailFastIT {

    static final String CANARY = "TENANT-A-CANARY";
    static final long WORK_DIR_BYTES = 8L << 20;
    static final Map<String, String> POSIX_LOCALE = Map.of("LANG", "C", "LC_ALL", "C");

    static Path workDir;
    static boolean tmpfs;
    static int closedPort;
    static PlatformWorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        workDir = Files.createTempDirectory("ytw-failfast-work");
        tmpfs = mount(workDir);
        // long enough to kill the engine in the act
        String text = String.join(" ", Collections.nCopies(4, SpeechFixtures.TEXT));
        Map<String, String> env = new java.util.HashMap<>(POSIX_LOCALE);
        env.put("WORKER_WORK_DIR", workDir.toString());
        env.put("WORKER_ALLOW_PRIVATE_URLS", "127.0.0.1:" + closedPort);
        env.put("WORKER_S3_MAX_ATTEMPTS", "1");
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(text), env);
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (tmpfs) {
            new ProcessBuilder("umount", workDir.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
        }
    }

    /** A tmpfs of {@link #WORK_DIR_BYTES} on {@code dir}: possible as root (or with CAP_SYS_ADMIN) only. */
    static boolean mount(Path dir) throws Exception {
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + WORK_DIR_BYTES + ",mode=0700", "tmpfs",
                dir.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        boolean mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        if (!mounted) {
            System.err.println("FailFastIT: cannot mount a tmpfs here (" + out.strip() + "); the full-disk test is skipped");
        }
        return mounted;
    }

    static ObjectNode job(String... fieldsAndValues) {
        ObjectNode in = new ObjectMapper().createObjectNode();
        in.put("youtube_url", fixture.media.url("/speech.mp4"));
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            in.put(fieldsAndValues[i], fieldsAndValues[i + 1]);
        }
        return in;
    }

    @Test
    void aKilledEngineFailsTheJobWithoutAnotherJobsPromptOrPaths() throws Exception {
        JsonNode a = fixture.run("tenant-a", job("initial_prompt", CANARY).toString());
        assertEquals("done", a.path("output").path("status").asText(), a.toString());

        fixture.emulator.enqueue("tenant-b", job().toString());
        fixture.emulator.awaitRequest(r -> r.route() == WorkerRoute.DONE && "tenant-b".equals(r.jobId()) && r.isProgress()
                        && "transcribing".equals(r.body().path("output").path("stage").asText()),
                Duration.ofSeconds(90), "transcribing");
        WorkerJar.sidecar(fixture.worker).orElseThrow().destroyForcibly();
        JsonNode b = fixture.emulator.awaitFinal("tenant-b", PlatformWorkerFixture.JOB_WAIT);

        String error = b.path("error").asText();
        System.err.println("FailFastIT: engine killed: " + error);
        assertTrue(error.contains("restarted"), error);
        assertFalse(error.contains(CANARY), "job B's error carries job A's prompt: " + error);
        assertFalse(error.contains("tenant-a"), "job B's error names job A: " + error);
        assertFalse(error.contains(workDir.toString()), "job B's error carries a job folder path: " + error);
        assertEquals("error", b.path("output").path("status").asText());
    }

    @Test
    void anUnreachableS3EndpointFailsTheJobBeforeAnyDownload() {
        fixture.media.clearRequests();
        // the job's own keys: a job naming its own endpoint must bring them
        JsonNode result = fixture.run("s3-unreachable", job("s3_endpoint_url", "http://127.0.0.1:" + closedPort,
                "aws_access_key", "AKIAJOBKEY", "aws_secret_key", "job-secret").toString());

        String error = result.path("error").asText();
        assertTrue(error.contains("S3 endpoint 127.0.0.1:" + closedPort), error);
        assertTrue(error.contains("s3_endpoint_url"), error);
        assertEquals("error", result.path("output").path("status").asText());
        assertEquals(java.util.List.of(), fixture.media.requests(), "the media was fetched for a job whose results had no home");
        assertTrue(fixture.emulator.progress("s3-unreachable").stream()
                .noneMatch(p -> "downloading".equals(p.body().path("output").path("stage").asText())), "it started downloading");
        long took = fixture.emulator.finals("s3-unreachable").isEmpty() ? 0
                : fixture.emulator.requests(WorkerRoute.DONE).stream().filter(r -> "s3-unreachable".equals(r.jobId()) && !r.isProgress())
                        .mapToLong(r -> r.atMillis()).min().orElse(0) - fixture.emulator.handedOutAtMillis("s3-unreachable").orElse(0);
        System.err.println("FailFastIT: S3 unreachable: failed " + took + " ms after the take");
    }

    @Test
    void anEmptyKeyPrefixSegmentIsRefusedBeforeAnyWork() {
        fixture.media.clearRequests();
        JsonNode result = fixture.run("double-slash", job("s3_key_prefix", "a//b/").toString());
        String error = result.path("error").asText();
        assertTrue(error.contains("s3_key_prefix: must not contain empty path segments"), error);
        assertEquals(java.util.List.of(), fixture.media.requests(), "the media was fetched for a refused prefix");
        assertTrue(fixture.objectKeys().stream().noneMatch(k -> k.startsWith("a/")), fixture.objectKeys().toString());
    }

    @Test
    void aNonAsciiPrefixUnderThePosixLocaleIsStoredUnderTheDocumentedKey() {
        JsonNode result = fixture.run("cafe-s3", job("s3_key_prefix", "café/", "request_id", "talk-1").toString());
        assertEquals("done", result.path("output").path("status").asText(), result.toString());
        assertEquals("café/talk-1.srt", result.path("output").path("srt_key").asText());
        assertTrue(fixture.objectKeys().contains("café/talk-1.srt"), fixture.objectKeys().toString());
    }

    @Test
    void aNonAsciiPrefixForLocalFilesUnderThePosixLocaleIsRefusedBeforeAnyWorkAndPrintedAsUtf8() throws Exception {
        Path dir = Files.createTempDirectory("ytw-failfast-cafe");
        // a file: argv under LANG=C cannot carry non-ASCII into Java
        Files.writeString(dir.resolve("test_input.json"), "{\"input\": " + job("s3_key_prefix", "café/",
                "request_id", "talk-1").toString() + "}", StandardCharsets.UTF_8);
        fixture.media.clearRequests();
        Map<String, String> env = new java.util.HashMap<>(POSIX_LOCALE);
        env.put("WORKER_ALLOW_PRIVATE_URLS", fixture.media.hostPort());
        env.put("WORKER_OUTPUT_DIR", dir.resolve("out").toString());
        env.put("WORKER_WORK_DIR", dir.resolve("jobs").toString());
        try (ChildProcess worker = WorkerJar.start(env, dir)) {
            int exit = worker.waitFor(PlatformWorkerFixture.JOB_WAIT);
            JsonNode result = new ObjectMapper().readTree(worker.stdout());
            String error = result.path("error").asText();
            assertEquals(1, exit, worker.stderr());
            assertEquals("error", result.path("output").path("status").asText(), worker.stdout());
            assertTrue(error.contains("\"café/talk-1.srt\""), "stdout is UTF-8 under LANG=C: " + worker.stdout());
            assertTrue(error.contains("s3_key_prefix") && error.contains("LANG=C.UTF-8"), error);
            assertFalse(worker.stdout().contains("Exception") || worker.stderr().contains("InvalidPathException"),
                    worker.stdout());
            assertEquals(java.util.List.of(), fixture.media.requests(), "the job ran before it was refused");
        }
    }

    @Test
    void aFullWorkDiskIsNamedAsDiskSpaceWithThePlaceAndTheNeed() throws Exception {
        assumeTrue(tmpfs, "needs a tmpfs work folder (mount as root)");
        long mp4 = Files.size(fixture.media.speech().mp4());
        Path filler = workDir.resolve("filler");
        long free = Files.getFileStore(workDir).getUsableSpace();
        // room for the download, not for its 16 kHz WAV (32 kB per second of audio)
        Files.write(filler, new byte[(int) (free - mp4 - 150_000)]);
        try {
            JsonNode result = fixture.run("disk-full", job().toString());
            String error = result.path("error").asText();
            System.err.println("FailFastIT: disk full: " + error);
            assertTrue(error.contains("not enough disk space in the work folder " + workDir + " (WORKER_WORK_DIR)"), error);
            assertTrue(error.matches(".*this job needs about \\d+(\\.\\d+)? MB.*"), error);
            assertFalse(error.contains("Conversion failed"), error);
            assertEquals("error", result.path("output").path("status").asText());
        } finally {
            Files.delete(filler);
        }
        JsonNode next = fixture.run("disk-freed", job().toString());
        assertEquals("done", next.path("output").path("status").asText(), next.toString());
    }
}
