package com.ytwhisper.worker.it;

import com.ytwhisper.testkit.process.ChildProcess;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Starts the built worker jar as users do, with the CPU engine the tests can run. */
final class WorkerJar {

    static final Path JAR = Path.of(System.getProperty("worker.app.dir", "target/quarkus-app"), "quarkus-run.jar");
    /** Debian's interpreter, where python3-pocketsphinx lives (a pyenv python3 earlier on PATH lacks it). */
    static final String PYTHON = System.getProperty("sidecar.python", "/usr/bin/python3");

    private WorkerJar() {
    }

    /** The environment every test worker gets: pocketsphinx, fast pacing; {@code extra} wins. */
    static Map<String, String> env(Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("WORKER_ENGINE", "pocketsphinx");
        env.put("WORKER_PYTHON", PYTHON);
        env.put("WORKER_PROGRESS_INTERVAL_MS", "200");
        env.put("RUNPOD_PING_INTERVAL", "200");
        env.put("WORKER_BACKOFF_MIN_MS", "20");
        env.put("WORKER_BACKOFF_MAX_MS", "200");
        env.put("WORKER_SHUTDOWN_GRACE_MS", "10000");
        env.putAll(extra);
        return env;
    }

    static ChildProcess start(Map<String, String> env, Path dir, String... args) {
        return ChildProcess.java(JAR, List.of(args), env(env), dir);
    }

    /** The sidecar interpreter among the worker's children, if running. */
    static Optional<ProcessHandle> sidecar(ChildProcess worker) {
        return ProcessHandle.of(worker.pid()).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> p.info().commandLine().orElse("").contains("ytw_sidecar")).findFirst();
    }

    /** Children of the worker whose command line contains {@code word}, e.g. {@code yt-dlp}. */
    static List<ProcessHandle> children(ChildProcess worker, String word) {
        return ProcessHandle.of(worker.pid()).stream().flatMap(ProcessHandle::descendants)
                .filter(p -> p.isAlive() && p.info().commandLine().orElse("").contains(word)).toList();
    }
}
