package com.ytwhisper.client.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
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

import com.ytwhisper.client.testing.Cli;
import com.ytwhisper.client.testing.Cli.Result;
import com.ytwhisper.client.testing.EmulatedEndpoint;
import com.ytwhisper.testkit.endpoint.EndpointEmulator;
import com.ytwhisper.testkit.endpoint.EndpointRoute;

/** The detached background poller as a real process. */
class PollerProcessIT {

    @TempDir
    Path home;

    EndpointEmulator emulator;
    Cli cli;

    @BeforeEach
    void start() throws IOException {
        emulator = EndpointEmulator.start().requireApiKey(EmulatedEndpoint.API_KEY);
        cli = new Cli(home, emulator.baseUrl());
    }

    @AfterEach
    void stop() {
        cli.close();
        emulator.close();
    }

    @Test
    void thePollerOutlivesTheTerminalThatStartedIt() throws Exception {
        emulator.holdProgress(true);
        // a terminal session of its own: run_yt_job, then the shell stays open until hung up
        Path idFile = home.resolve("id.txt");
        Process session = cli.start(List.of("setsid", "bash", "-c", "run_yt_job https://v.example/a > " + idFile
                + "; exec sleep 300"), home.resolve("session.log"));
        try {
            Cli.await("the job id", Duration.ofSeconds(60), () -> Files.exists(idFile) && readId(idFile).length() > 0);
            Cli.await("the poller", Duration.ofSeconds(60), () -> !cli.pollerPids().isEmpty());
            long poller = cli.pollerPids().get(0);
            // closing the terminal: SIGHUP to the whole session's process group, then make sure it is gone
            new ProcessBuilder("kill", "-HUP", "--", "-" + session.pid()).start().waitFor();
            session.destroyForcibly();
            session.waitFor();
            int polled = emulator.requests(EndpointRoute.STATUS).size();
            Thread.sleep(1000);
            assertTrue(ProcessHandle.of(poller).map(ProcessHandle::isAlive).orElse(false), "the poller died with its terminal");
            assertTrue(emulator.requests(EndpointRoute.STATUS).size() > polled, "the poller still polls");
            emulator.holdProgress(false);
            String id = readId(idFile);
            Cli.await("the job to finish", Duration.ofSeconds(60),
                    () -> cli.bash("check_yt_job " + id).stdout().contains("\"status\":\"done\""));
            Cli.await("the poller to leave", Duration.ofSeconds(30), () -> ProcessHandle.of(poller).isEmpty());
        } finally {
            session.destroyForcibly();
        }
    }

    @Test
    void onePollerFollowsManyJobs() {
        emulator.holdProgress(true);
        Result submitted = cli.bash("for i in 1 2 3 4 5; do run_yt_job https://v.example/$i & done; wait");
        assertEquals(0, submitted.exitCode(), submitted.toString());
        List<String> ids = submitted.stdout().lines().toList();
        assertEquals(5, ids.size(), submitted.toString());
        Cli.await("every job polled", Duration.ofSeconds(60), () -> emulator.jobs().stream()
                .allMatch(j -> emulator.requests(EndpointRoute.STATUS).stream().anyMatch(r -> r.path().endsWith(j.id()))));
        emulator.holdProgress(false);
        Result waited = cli.bash("ytw wait --timeout 60s " + String.join(" ", ids));
        assertEquals(0, waited.exitCode(), waited.toString());
        assertEquals(5, waited.stdout().lines().filter(l -> l.contains(" done s3://")).count(), waited.toString());
        String log = cli.pollerLog();
        // One poller followed all five jobs. A poller that `ytw wait` may start in the instant the
        // first one leaves finds nothing to do and leaves at once; it comes after that first exit.
        List<String> whileActive = log.lines().takeWhile(l -> !l.contains("no active job left")).toList();
        assertEquals(1, whileActive.stream().filter(l -> l.contains(": polling every")).count(), log);
    }

    @Test
    void waitGivesUpWithExitThreeAndResumeRestartsTracking() {
        emulator.holdProgress(true);
        String id = cli.bash("run_yt_job https://v.example/slow").stdout().strip();
        Result waited = cli.bash("ytw wait --timeout 1s " + id);
        assertEquals(3, waited.exitCode(), waited.toString());
        assertTrue(waited.stderr().contains("timed out"), waited.toString());

        cli.pollerPids().forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
        Cli.await("no poller", Duration.ofSeconds(10),
                () -> cli.pollerPids().stream().noneMatch(pid -> ProcessHandle.of(pid).isPresent()));
        Result resume = cli.bash("ytw resume");
        assertEquals(0, resume.exitCode(), resume.toString());
        assertTrue(resume.stderr().contains("1 active job(s); background poller started"), resume.toString());
        emulator.holdProgress(false);
        Result done = cli.bash("ytw wait --json --timeout 60s " + id);
        assertEquals(0, done.exitCode(), done.toString());
        assertTrue(done.stdout().startsWith("{\"job_id\":\"" + id + "\""), done.toString());
    }

    private static String readId(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            return "";
        }
    }

}
