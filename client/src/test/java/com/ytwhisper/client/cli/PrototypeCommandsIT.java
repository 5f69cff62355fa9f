package com.ytwhisper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.client.testing.Cli;
import com.ytwhisper.client.testing.Cli.Result;
import com.ytwhisper.client.testing.EmulatedEndpoint;
import com.ytwhisper.testkit.endpoint.EndpointEmulator;
import com.ytwhisper.testkit.endpoint.EndpointFault;
import com.ytwhisper.testkit.endpoint.EndpointRoute;
import com.ytwhisper.testkit.endpoint.Step;

/**
 * The three commands of docs/prototype-contract.md, Commands, run through bash against the packaged
 * jar and the emulated API.
 */
class PrototypeCommandsIT {

    static final String JOB_ID = "\\d{8}-\\d{6}-\\d{8}";
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path home;

    EndpointEmulator emulator;
    Cli cli;

    @BeforeEach
    void start() throws IOException {
        emulator = EndpointEmulator.start().requireApiKey(EmulatedEndpoint.API_KEY)
                .requireEndpointId(EmulatedEndpoint.ENDPOINT_ID);
        cli = new Cli(home, emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        cli.close();
        emulator.close();
    }

    @Test
    void runCheckAndDumpFollowAJobToItsSrt() throws Exception {
        emulator.holdProgress(true);
        // through a pipe: run_yt_job must not leave the poller holding our stdout open
        Result run = cli.bash("run_yt_job https://v.example/talk | cat");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.stdout().matches(JOB_ID + "\n"), "only the job id: " + run);
        String id = run.stdout().strip();

        JsonNode running = checkJob(id);
        assertEquals("running", running.get("status").asText());
        assertEquals(id, running.get("job_id").asText());
        assertTrue(running.get("srt_path").isNull() && running.get("error").isNull());
        assertFalse(running.get("runpod_job_id").isNull());

        emulator.holdProgress(false);
        Cli.await("the job to finish", Duration.ofSeconds(60), () -> "done".equals(checkJob(id).get("status").asText()));
        JsonNode done = checkJob(id);
        assertEquals("s3://emulated-bucket/transcriptions/" + id + ".srt", done.get("srt_path").asText());

        Result dump = cli.bash("dump_yt_job_log " + id);
        assertEquals(0, dump.exitCode(), dump.toString());
        List<String> lines = dump.stdout().lines().toList();
        assertTrue(lines.size() >= 4, dump.toString());
        assertTrue(lines.get(0).matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z POST /run 200 .*"), lines.get(0));
        assertTrue(lines.stream().skip(1).allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT[0-9:.]+Z GET /status/\\S+ 200 \\{.*")),
                dump.stdout());
        assertTrue(lines.get(lines.size() - 1).contains("COMPLETED"));
    }

    @Test
    void aFinishedJobIsCheckedWithoutStartingJava() throws Exception {
        Result run = cli.bash("run_yt_job https://v.example/quick");
        String id = run.stdout().strip();
        Cli.await("the job to finish", Duration.ofSeconds(60), () -> "done".equals(checkJob(id).get("status").asText()));
        cli.env("YTW_APP_DIR", home.resolve("no-such-app").toString()); // ytw itself would now fail
        Result check = cli.bash("check_yt_job " + id);
        assertEquals(0, check.exitCode(), check.toString());
        assertEquals(Files.readString(home.resolve("status/" + id + ".json")), check.stdout());
    }

    /** n8n shows stderr as the failure: one line, no usage text. */
    @Test
    void prototypeCommandsPrintOneLineOnErrors() {
        Result notAUrl = cli.bash("run_yt_job not-a-url");
        assertEquals(2, notAUrl.exitCode(), notAUrl.toString());
        assertEquals("run_yt_job: 'not-a-url' is not an http(s) URL\n", notAUrl.stderr());
        assertEquals("", notAUrl.stdout());
        Result dump = cli.bash("dump_yt_job_log 20240101-000000-00000000");
        assertEquals(1, dump.exitCode(), dump.toString());
        assertEquals("dump_yt_job_log: no log for job 20240101-000000-00000000: no such job here\n", dump.stderr());
    }

    @Test
    void unknownJobsAreReportedAsUnknownWithExitZero() {
        Result check = cli.bash("check_yt_job 20240101-000000-00000000");
        assertEquals(0, check.exitCode(), check.toString());
        assertEquals("{\"job_id\": \"20240101-000000-00000000\", \"status\": \"unknown\"}\n", check.stdout());
        Result odd = cli.bash("check_yt_job '../etc/x\"y'");
        assertEquals(0, odd.exitCode(), odd.toString());
        assertEquals("{\"job_id\": \"../etc/x\\\"y\", \"status\": \"unknown\"}\n", odd.stdout());
    }

    @Test
    void aFailedSubmitExitsNonZeroWithTheReasonOnStderr() {
        cli.env("RUNPOD_ENDPOINT_ID", null);
        Result noConfig = cli.bash("run_yt_job https://v.example/x");
        assertEquals(2, noConfig.exitCode(), noConfig.toString());
        assertEquals("", noConfig.stdout());
        assertTrue(noConfig.stderr().contains("set RUNPOD_ENDPOINT_ID or write the id to " + home.resolve("config")),
                noConfig.toString());

        cli.env("RUNPOD_ENDPOINT_ID", EmulatedEndpoint.ENDPOINT_ID);
        Result shortTtl = cli.bash("ytw submit --ttl 1h --execution-timeout 2h https://v.example/x");
        assertEquals(2, shortTtl.exitCode(), shortTtl.toString());
        assertTrue(shortTtl.stderr().contains("must be longer than the execution timeout"), shortTtl.toString());
        assertEquals(0, emulator.requests().size(), "nothing was sent");

        cli.env("RUNPOD_API_KEY", "rpa_WRONG_0123456789");
        Result rejected = cli.bash("run_yt_job https://v.example/x");
        assertEquals(2, rejected.exitCode(), rejected.toString());
        assertTrue(rejected.stderr().contains("RUNPOD_API_KEY was rejected"), rejected.toString());
        assertFalse(rejected.stderr().contains("rpa_WRONG_0123456789"), rejected.toString());

        cli.env("RUNPOD_API_KEY", EmulatedEndpoint.API_KEY).env("RUNPOD_SUBMIT_TIMEOUT_MS", "3000");
        emulator.inject(EndpointRoute.RUN, EndpointFault.hang(Duration.ofSeconds(20)));
        Result unknown = cli.bash("run_yt_job https://v.example/x");
        assertEquals(4, unknown.exitCode(), unknown.toString());
        assertTrue(unknown.stderr().contains("submit outcome unknown"), unknown.toString());
        assertEquals(2, emulator.requests(EndpointRoute.RUN).size(), "the rejected /run and the hung one, not sent again");
        assertEquals(1, emulator.jobs().size(), "the hung /run did create a job");

        emulator.pause();
        Result unreachable = cli.bash("run_yt_job https://v.example/x");
        assertEquals(4, unreachable.exitCode(), unreachable.toString());
        assertTrue(unreachable.stderr().contains("cannot connect"), unreachable.toString());
    }

    @Test
    void aDeadPollerIsRestartedByCheckYtJob() throws Exception {
        emulator.holdProgress(true);
        String id = cli.bash("run_yt_job https://v.example/long").stdout().strip();
        Cli.await("a poller", Duration.ofSeconds(60), () -> !cli.pollerPids().isEmpty());
        long first = cli.pollerPids().get(0);
        ProcessHandle.of(first).ifPresent(ProcessHandle::destroyForcibly);
        Cli.await("the poller to die", Duration.ofSeconds(10), () -> ProcessHandle.of(first).isEmpty());
        assertEquals("running", checkJob(id).get("status").asText());
        Cli.await("a second poller", Duration.ofSeconds(60), () -> cli.pollerPids().size() == 2);
        emulator.holdProgress(false);
        Cli.await("the job to finish", Duration.ofSeconds(60), () -> "done".equals(checkJob(id).get("status").asText()));
    }

    @Test
    void noSecretReachesAnyFileOrOutput() throws Exception {
        String awsSecret = "AWS_SECRET_wJalrXUtnFEMI_K7MDENG";
        String awsKeyId = "AKIA_TEST_ID_0123456789";
        emulator.echoInput(true); // the status answers carry the job input back, credentials included
        cli.env("AWS_ACCESS_KEY_ID", awsKeyId).env("AWS_SECRET_ACCESS_KEY", awsSecret);
        Result run = cli.bash("ytw submit --pass-credentials --wait --timeout 60s https://v.example/secret");
        assertEquals(0, run.exitCode(), run.toString());
        String id = run.stdout().lines().findFirst().orElseThrow();
        assertEquals(awsSecret, emulator.jobs().get(0).input().get("aws_secret_key").asText(), "the worker got it");
        String dump = cli.bash("dump_yt_job_log " + id).stdout() + cli.bash("ytw list --json").stdout();
        for (String secret : List.of(awsSecret, awsKeyId, EmulatedEndpoint.API_KEY)) {
            assertFalse(run.stdout().contains(secret) || run.stderr().contains(secret) || dump.contains(secret), secret);
            try (var files = Files.walk(home)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    assertFalse(Files.readString(file).contains(secret), file + " holds a secret");
                }
            }
        }
    }

    @Test
    void aFailedJobEndsWaitWithExitOne() {
        emulator.nextJob(Step.queued(), Step.progress("downloading", null), Step.failed("video unavailable", "x"));
        Result run = cli.bash("ytw submit --wait --timeout 60s https://v.example/gone");
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.stdout().matches(JOB_ID + "\n" + JOB_ID + " error video unavailable\n"), run.toString());
        assertTrue(run.stderr().contains("downloading"), "progress lines on stderr: " + run);
    }

    @Test
    void installLinksPutsTheCommandsOnAPath() throws Exception {
        Path links = home.resolve("n8n-bin");
        Result install = cli.bash("ytw install-links " + links);
        assertEquals(0, install.exitCode(), install.toString());
        for (String program : InstallLinksCommand.PROGRAMS) {
            assertTrue(Files.isSymbolicLink(links.resolve(program)), program);
        }
        Result check = cli.bash("cd / && " + links.resolve("check_yt_job") + " 20240101-000000-1");
        assertEquals("{\"job_id\": \"20240101-000000-1\", \"status\": \"unknown\"}\n", check.stdout(), check.toString());
        Result help = cli.bash(links.resolve("ytw") + " --help");
        assertNotEquals("", help.stdout(), help.toString());
        for (String program : InstallLinksCommand.PROGRAMS) {
            Files.delete(links.resolve(program)); // the temp folder's cleanup warns about links leaving it
        }
    }

    private JsonNode checkJob(String id) {
        Result check = cli.bash("check_yt_job " + id);
        assertEquals(0, check.exitCode(), check.toString());
        assertEquals(1, check.stdout().lines().count(), check.toString());
        try {
            return JSON.readTree(check.stdout());
        } catch (IOException e) {
            throw new AssertionError(check.toString(), e);
        }
    }
}
