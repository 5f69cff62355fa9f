package com.ytwhisper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.ytwhisper.client.testing.EmulatedEndpoint;
import com.ytwhisper.testkit.endpoint.EndpointEmulator;
import com.ytwhisper.testkit.endpoint.EndpointFault;
import com.ytwhisper.testkit.endpoint.EndpointRoute;
import com.ytwhisper.testkit.endpoint.Step;

import io.quarkus.test.junit.main.Launch;
import io.quarkus.test.junit.main.LaunchResult;
import io.quarkus.test.junit.main.QuarkusMainLauncher;
import io.quarkus.test.junit.main.QuarkusMainTest;

/**
 * Every {@code ytw} command, run in-process ({@code @QuarkusMainTest}) against the testkit's
 * endpoint emulator. A test JVM cannot start the detached poller, so jobs are followed by
 * {@code ytw poll} (foreground) or by the waiting command itself.
 */
@QuarkusMainTest
class CommandsTest {

    /**
     * Each launch starts the application afresh and reads system properties, which every class
     * loader shares: the emulator's address, a private jobs folder and polling in milliseconds.
     */
    static Map<String, String> settings(EndpointEmulator emulator, Path jobsHome) {
        return Map.ofEntries(
                Map.entry("runpod.endpoint-base-url", emulator.baseUrl()),
                Map.entry("runpod.endpoint-id", EmulatedEndpoint.ENDPOINT_ID),
                Map.entry("runpod.api-key", EmulatedEndpoint.API_KEY),
                Map.entry("runpod.call-timeout-ms", "20000"),
                Map.entry("runpod.submit-timeout-ms", "20000"),
                Map.entry("runpod.max-retries", "2"),
                Map.entry("runpod.retry-delay-ms", "20"),
                Map.entry("runpod.retry-max-delay-ms", "200"),
                Map.entry("yt.jobs-home", jobsHome.toString()),
                Map.entry("ytw.poll-interval", "100ms"),
                Map.entry("ytw.wait-refresh", "50ms"));
    }

    static EndpointEmulator emulator;
    static Path jobsHome;

    @BeforeAll
    static void startEmulator() throws IOException {
        emulator = EndpointEmulator.start();
        jobsHome = Files.createTempDirectory("ytw-commands-test");
        settings(emulator, jobsHome).forEach(System::setProperty);
    }

    @AfterAll
    static void stopEmulator() {
        settings(emulator, jobsHome).keySet().forEach(System::clearProperty);
        emulator.close();
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> COMMANDS = List.of("submit", "status", "logs", "wait", "watch", "list", "cancel", "retry",
            "health", "purge", "resume", "fetch", "install-links", "poll");

    @TempDir
    Path dir;

    /** The job id a submit printed (stdout may also hold log lines of the in-process run). */
    static String submitted(LaunchResult submit) {
        return submit.getOutput().lines().filter(line -> line.matches("\\d{8}-\\d{6}-\\d{8}")).findFirst()
                .orElseThrow(() -> new AssertionError("no job id: " + submit.getOutput() + submit.getErrorOutput()));
    }

    @BeforeEach
    void resetEmulator() {
        emulator.reset();
    }

    @AfterEach
    void forgetJobs() throws IOException {
        Path status = jobsHome.resolve("status");
        if (Files.isDirectory(status)) {
            try (Stream<Path> files = Files.list(status)) {
                for (Path file : files.toList()) {
                    Files.delete(file);
                }
            }
        }
    }

    @Test
    @Launch("--help")
    void topLevelHelp(LaunchResult result) {
        assertTrue(result.getOutput().startsWith("Usage: ytw"), result.getOutput());
        assertTrue(result.getOutput().contains("watch"), result.getOutput());
    }

    @Test
    void everyCommandHasHelpOnStdoutWithExitZero(QuarkusMainLauncher launcher) {
        for (String command : COMMANDS) {
            LaunchResult result = launcher.launch(command, "--help");
            assertEquals(0, result.exitCode(), command + ": " + result.getErrorOutput());
            assertTrue(result.getOutput().startsWith("Usage: ytw " + command), command + ": " + result.getOutput());
            assertTrue(result.getOutput().contains("Exit codes:") || command.equals("poll"), result.getOutput());
        }
    }

    /** submit, poll, status, list, logs, wait: a job from submit to its paths. */
    @Test
    void aJobGoesFromSubmitToDoneWithStatusListLogsAndWait(QuarkusMainLauncher launcher) throws Exception {
        LaunchResult submit = launcher.launch("submit", "--no-follow", "https://v.example/talk", "--format", "srt,vtt");
        assertEquals(0, submit.exitCode(), submit.getErrorOutput());
        String id = submitted(submit);
        assertEquals(List.of("srt", "vtt"), List.of(JSON.convertValue(emulator.jobs().get(0).input().get("formats"), String[].class)));

        LaunchResult running = launcher.launch("status", id);
        assertEquals("running", JSON.readTree(running.getOutput()).path("status").asText());

        emulator.holdProgress(false);
        // IN_QUEUE, then downloading, transcribing (progress), then done
        assertEquals(0, launcher.launch("poll").exitCode());
        JsonNode done = JSON.readTree(launcher.launch("status", id).getOutput());
        assertEquals("done", done.path("status").asText(), done.toString());
        assertFalse(done.has("progress"), "a done job keeps no stale progress: " + done);

        LaunchResult list = launcher.launch("list");
        List<String> rows = list.getOutput().lines().toList();
        assertTrue(rows.get(0).matches("JOB ID\\s+STATUS\\s+RUNPOD\\s+ELAPSED\\s+QUEUE\\s+RESULT / ERROR / URL"), rows.get(0));
        assertTrue(rows.get(1).startsWith(id) && rows.get(1).contains(" done ") && rows.get(1).contains(".srt"), rows.get(1));

        LaunchResult logs = launcher.launch("logs", id);
        assertEquals(0, logs.exitCode());
        assertTrue(logs.getOutput().lines().findFirst().orElse("").contains("POST /run 200"), logs.getOutput());

        LaunchResult waited = launcher.launch("wait", id);
        assertEquals(0, waited.exitCode(), waited.getErrorOutput());
        assertTrue(waited.getOutput().startsWith(id + " done s3://emulated-bucket/transcriptions/"), waited.getOutput());
    }

    @Test
    void submitWaitPrintsEveryAskedFormatsPath(QuarkusMainLauncher launcher) {
        emulator.nextJob(Step.queued(), Step.completed(JSON.createObjectNode().put("status", "done").put("request_id", "r")
                .put("srt_path", "s3://b/r.srt").put("vtt_path", "s3://b/r.vtt").put("json_path", "s3://b/r.json")));
        LaunchResult result = launcher.launch("submit", "--wait", "--format", "srt,vtt,json", "https://v.example/talk");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        String last = result.getOutput().lines().reduce((a, b) -> b).orElse("");
        assertTrue(last.endsWith(" done s3://b/r.srt s3://b/r.vtt s3://b/r.json"), result.getOutput());
    }

    @Test
    void watchPrintsCuesAsTheyArriveThenThePaths(QuarkusMainLauncher launcher) {
        emulator.nextJob(Step.queued(),
                Step.progress("transcribing", 30).streaming(Step.cue(0, 1.5, "I am going"), Step.cue(1.5, 3.2, "to the market")),
                Step.progress("transcribing", 80).streaming(Step.cue(3.2, 4.0, "tomorrow")),
                Step.done("b", "t/", "r").streaming(Step.cue(4.0, 5.25, "morning.")));
        String id = submitted(launcher.launch("submit", "--no-follow", "https://v.example/talk"));
        LaunchResult watch = launcher.launch("watch", id);
        assertEquals(0, watch.exitCode(), watch.getErrorOutput());
        assertEquals(List.of("[00:00:00.000 --> 00:00:01.500] I am going", "[00:00:01.500 --> 00:00:03.200] to the market",
                "[00:00:03.200 --> 00:00:04.000] tomorrow", "[00:00:04.000 --> 00:00:05.250] morning.",
                id + " done s3://b/t/r.srt"), watch.getOutput().lines().toList());
        assertFalse(emulator.requests(EndpointRoute.STREAM).isEmpty());
    }

    @Test
    void watchFlattensAPostOfSeveralCuesAsRunpodServesIt(QuarkusMainLauncher launcher) {
        JsonNode onePost = JsonNodeFactory.instance.arrayNode().add(Step.cue(0, 1.5, "I am going"))
                .add(Step.cue(1.5, 3.2, "to the market"));
        emulator.nextJob(Step.queued(), Step.progress("transcribing", 60).streaming(onePost), Step.done("b", "t/", "r"));
        String id = submitted(launcher.launch("submit", "--no-follow", "https://v.example/talk"));
        LaunchResult watch = launcher.launch("watch", id);
        assertEquals(0, watch.exitCode(), watch.getErrorOutput());
        assertEquals(List.of("[00:00:00.000 --> 00:00:01.500] I am going", "[00:00:01.500 --> 00:00:03.200] to the market",
                id + " done s3://b/t/r.srt"), watch.getOutput().lines().toList());
    }

    @Test
    void submitWaitLiveStreamsTheTranscript(QuarkusMainLauncher launcher) {
        emulator.nextJob(Step.queued(), Step.progress("transcribing", 50).streaming(Step.cue(0, 2, "hello there")),
                Step.done("b", "t/", "r"));
        LaunchResult result = launcher.launch("submit", "--wait", "--live", "https://v.example/talk");
        assertEquals(0, result.exitCode(), result.getErrorOutput());
        List<String> lines = result.getOutput().lines().toList();
        assertTrue(lines.contains("[00:00:00.000 --> 00:00:02.000] hello there"), result.getOutput());
        assertTrue(lines.get(lines.size() - 1).endsWith(" done s3://b/t/r.srt"), result.getOutput());
    }

    @Test
    void aRefusedSubmitShowsTheEndpointsOwnMessage(QuarkusMainLauncher launcher) {
        emulator.inject(EndpointRoute.RUN, EndpointFault.status(400));
        LaunchResult result = launcher.launch("submit", "--no-follow", "https://v.example/talk");
        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("the endpoint rejected the request (HTTP 400): injected HTTP 400"),
                result.getErrorOutput());
    }

    @Test
    void anUnreachableApiIsNamedByAddressWithoutJavaClassNames(QuarkusMainLauncher launcher) throws Exception {
        emulator.pause();
        try {
            LaunchResult result = launcher.launch("health");
            assertEquals(4, result.exitCode(), result.getErrorOutput());
            assertTrue(result.getErrorOutput().contains("cannot connect to 127.0.0.1:" + emulator.port()
                    + " (connection refused)"), result.getErrorOutput());
            assertFalse(result.getErrorOutput().matches("(?s).*[A-Za-z]+(Exception|Error)\\b.*"), result.getErrorOutput());
        } finally {
            emulator.resume();
        }
    }

    @Test
    void badArgumentsGiveOneMessageAndAHintNotTheUsage(QuarkusMainLauncher launcher) {
        LaunchResult notAUrl = launcher.launch("submit", "not-a-url");
        assertEquals(2, notAUrl.exitCode());
        assertEquals("ytw submit: 'not-a-url' is not an http(s) URL", notAUrl.getErrorOutput().strip());
        LaunchResult unknownOption = launcher.launch("status", "--colour", "x");
        assertEquals(2, unknownOption.exitCode());
        assertEquals(List.of("ytw status: Unknown option: '--colour'", "(ytw status --help shows the usage)"),
                unknownOption.getErrorOutput().lines().toList());
    }

    @Test
    void cancelStopsAQueuedJob(QuarkusMainLauncher launcher) {
        emulator.holdProgress(true);
        String id = submitted(launcher.launch("submit", "--no-follow", "https://v.example/talk"));
        LaunchResult cancel = launcher.launch("cancel", id);
        assertEquals(0, cancel.exitCode(), cancel.getErrorOutput());
        assertEquals(id + " error (Runpod: CANCELLED)", cancel.getOutput().strip());
        assertEquals(2, launcher.launch("cancel", id).exitCode(), "an ended job cannot be cancelled again");
    }

    @Test
    void retryRequeuesAFailedJob(QuarkusMainLauncher launcher) throws Exception {
        emulator.nextJob(Step.queued(), Step.failed("the worker ran out of memory", "r"));
        String id = submitted(launcher.launch("submit", "--no-follow", "https://v.example/talk"));
        launcher.launch("poll");
        assertEquals("error", JSON.readTree(launcher.launch("status", id).getOutput()).path("status").asText());
        LaunchResult retry = launcher.launch("retry", id);
        assertEquals(0, retry.exitCode(), retry.getErrorOutput());
        assertEquals(id, retry.getOutput().strip());
        launcher.launch("poll");
        assertEquals("done", JSON.readTree(launcher.launch("status", id).getOutput()).path("status").asText());
    }

    @Test
    void healthAndPurgeShowTheEndpointsAnswers(QuarkusMainLauncher launcher) {
        emulator.holdProgress(true);
        launcher.launch("submit", "--no-follow", "https://v.example/a");
        LaunchResult health = launcher.launch("health");
        assertEquals(0, health.exitCode(), health.getErrorOutput());
        assertTrue(health.getOutput().contains("jobs:    completed=0 failed=0 inProgress=0 inQueue=1 retried=0"),
                health.getOutput());
        LaunchResult purge = launcher.launch("purge");
        assertEquals(0, purge.exitCode(), purge.getErrorOutput());
        assertEquals("removed 1 queued job(s)", purge.getOutput().strip());
    }

    @Test
    void resumeSaysWhenNoJobNeedsThePoller(QuarkusMainLauncher launcher) {
        LaunchResult resume = launcher.launch("resume");
        assertEquals(0, resume.exitCode(), resume.getErrorOutput());
        assertTrue(resume.getErrorOutput().contains("0 active job(s); background poller not needed"), resume.getErrorOutput());
    }

    @Test
    void unknownJobs(QuarkusMainLauncher launcher) {
        LaunchResult status = launcher.launch("status", "no-such-job");
        assertEquals(0, status.exitCode());
        assertEquals("{\"job_id\": \"no-such-job\", \"status\": \"unknown\"}", status.getOutput().strip());
        LaunchResult logs = launcher.launch("logs", "no-such-job");
        assertEquals(1, logs.exitCode());
        assertEquals("ytw logs: no log for job no-such-job: no such job here", logs.getErrorOutput().strip());
    }

    @Test
    void fetchCopiesALocalApiResultThatThisMachineSees(QuarkusMainLauncher launcher) throws Exception {
        Path out = Files.createDirectories(dir.resolve("worker-out"));
        Files.writeString(out.resolve("r.srt"), "1\n00:00:00,000 --> 00:00:01,000\nhello\n");
        Files.writeString(out.resolve("r.vtt"), "WEBVTT\n");
        emulator.nextJob(Step.completed(JSON.createObjectNode().put("status", "done").put("request_id", "r")
                .put("srt_path", out.resolve("r.srt").toUri().toString()).putNull("srt_bucket")
                .put("vtt_path", out.resolve("r.vtt").toUri().toString())));
        String id = submitted(launcher.launch("submit", "--no-follow", "https://v.example/talk"));
        launcher.launch("poll");
        Path target = dir.resolve("here");
        LaunchResult fetch = launcher.launch("fetch", id, "-o", target.toString());
        assertEquals(0, fetch.exitCode(), fetch.getErrorOutput());
        assertEquals(List.of(target.resolve("r.srt").toString(), target.resolve("r.vtt").toString()), fetch.getOutput().lines().toList());
        assertEquals("WEBVTT\n", Files.readString(target.resolve("r.vtt")));
    }

    @Test
    void fetchSaysWhereALocalApiResultIsWhenThisMachineDoesNotSeeIt(QuarkusMainLauncher launcher) {
        emulator.nextJob(Step.completed(JSON.createObjectNode().put("status", "done").put("request_id", "r")
                .put("srt_path", "file:///srv/worker/out/r.srt").putNull("srt_bucket")));
        String id = submitted(launcher.launch("submit", "--no-follow", "https://v.example/talk"));
        launcher.launch("poll");
        LaunchResult fetch = launcher.launch("fetch", id);
        assertEquals(1, fetch.exitCode());
        assertTrue(fetch.getErrorOutput().contains("the worker wrote /srv/worker/out/r.srt on its own machine"),
                fetch.getErrorOutput());
        assertFalse(fetch.getErrorOutput().contains("AWS_ACCESS_KEY_ID"), fetch.getErrorOutput());
    }

    @Test
    void installLinksNeedsTheLauncherScript(QuarkusMainLauncher launcher) {
        LaunchResult result = launcher.launch("install-links", dir.toString());
        assertEquals(2, result.exitCode());
        assertTrue(result.getErrorOutput().contains("run install-links through client/bin/ytw"), result.getErrorOutput());
    }
}
