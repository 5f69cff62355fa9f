package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The built worker jar as users start it. */
class WorkerJarIT {

    @TempDir
    Path dir;

    @Test
    void anUnknownArgumentIsAUsageErrorNamingTheArgument() throws Exception {
        try (ChildProcess worker = WorkerJar.start(Map.of(), dir, "--rp_serve")) {
            assertEquals(2, worker.waitFor(Duration.ofSeconds(60)));
            assertTrue(worker.stderr().contains("unknown argument '--rp_serve'"), worker.stderr());
            assertTrue(worker.stderr().contains("usage: worker"), worker.stderr());
        }
    }

    @Test
    void anEngineThatCannotStartIsReportedUnhealthyAndTheWorkerExitsOne() throws Exception {
        try (RunpodEmulator emulator = new RunpodEmulator();
             ChildProcess worker = WorkerJar.start(env(emulator, Map.of("WORKER_ENGINE", "faster-whisper")), dir)) {
            assertEquals(1, worker.waitFor(Duration.ofSeconds(90)));
            SeenRequest report = emulator.requests(WorkerRoute.PING).get(0);
            assertEquals("unhealthy", report.query().get("status"));
            assertTrue(report.query().get("reason").contains("faster_whisper"), report.query().toString());
            assertTrue(emulator.requests(WorkerRoute.TAKE).isEmpty(), "took jobs without an engine");
            assertTrue(worker.stderr().contains("the engine failed to start"), worker.stderr());
        }
    }

    @Test
    void anIdleWorkerStopsOnSigtermWithExitZeroAndOpensNoPort() throws Exception {
        try (RunpodEmulator emulator = new RunpodEmulator();
             ChildProcess worker = WorkerJar.start(env(emulator, Map.of()), dir)) {
            emulator.awaitRequest(r -> r.route() == WorkerRoute.TAKE, Duration.ofSeconds(90), "a job-take");
            assertTrue(listeningPorts(worker.pid()).isEmpty(), "platform mode must open no port");
            worker.terminate();
            assertEquals(0, worker.waitFor(Duration.ofSeconds(30)), worker.stderr());
            assertTrue(worker.stderr().contains("worker stopped"), worker.stderr());
            assertTrue(WorkerJar.sidecar(worker).isEmpty(), "the sidecar outlived the worker");
        }
    }

    private static Map<String, String> env(RunpodEmulator emulator, Map<String, String> extra) {
        Map<String, String> env = new java.util.HashMap<>(emulator.workerEnv("pod-it", "key-it"));
        env.put("RUNPOD_ENDPOINT_ID", "endpoint-it");
        env.putAll(extra);
        return env;
    }

    /** TCP ports in LISTEN state owned by the process, read from /proc. */
    private static java.util.List<String> listeningPorts(long pid) throws java.io.IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (var fds = java.nio.file.Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = java.nio.file.Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (java.io.IOException e) {
                    // closed meanwhile
                }
            }
        }
        java.util.List<String> listening = new java.util.ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6"}) {
            for (String line : java.nio.file.Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table))) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 9 && "0A".equals(f[3]) && inodes.contains(f[9])) {
                    listening.add(f[1]);
                }
            }
        }
        return listening;
    }
}
