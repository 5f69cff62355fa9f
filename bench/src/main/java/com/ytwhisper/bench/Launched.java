package com.ytwhisper.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A worker process under measurement. Unlike the testkit's ChildProcess it stamps every log line
 * with the moment it arrived, so "engine ready" can be timed from the process start.
 */
final class Launched implements AutoCloseable {

    private record Line(long atMillis, String text) {
    }

    private static final int TAIL_LINES = 60;

    private final Process process;
    private final long startedAtMillis;
    private final List<Line> lines = new ArrayList<>();
    private final Thread reader;

    private Launched(Process process, long startedAtMillis) {
        this.process = process;
        this.startedAtMillis = startedAtMillis;
        this.reader = new Thread(this::readLog, "bench-log-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code command} in {@code dir}; stdout is discarded, stderr (the log) is kept. */
    static Launched start(List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        pb.environment().putAll(env);
        long at = System.currentTimeMillis();
        try {
            return new Launched(pb.start(), at);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** {@link System#currentTimeMillis()} just before the process was started. */
    long startedAtMillis() {
        return startedAtMillis;
    }

    long pid() {
        return process.pid();
    }

    /** When the first log line containing {@code text} arrived; fails after {@code timeout}. */
    long awaitLine(String text, Duration timeout) throws InterruptedException {
        return awaitFirst(text, timeout).atMillis();
    }

    /** The first log line containing {@code text}; fails after {@code timeout}. */
    String awaitLineText(String text, Duration timeout) throws InterruptedException {
        return awaitFirst(text, timeout).text();
    }

    private Line awaitFirst(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            synchronized (lines) {
                for (Line l : lines) {
                    if (l.text().contains(text)) {
                        return l;
                    }
                }
                if (!process.isAlive() && !reader.isAlive()) {
                    break;
                }
                lines.wait(50);
            }
        }
        throw new IllegalStateException("no log line with \"" + text + "\" within " + timeout
                + (process.isAlive() ? "" : " (the process exited with " + process.exitValue() + ")")
                + "; the log ends with:\n" + logTail());
    }

    /** Resident memory of the process alone, in MiB. */
    double rssMib() {
        return ProcessMemory.rssKib(process.pid()) / 1024.0;
    }

    /** Resident memory of the process and all its descendants (the sidecar, yt-dlp...), in MiB. */
    double treeRssMib() {
        long kib = ProcessMemory.rssKib(process.pid());
        for (ProcessHandle child : process.descendants().toList()) {
            kib += ProcessMemory.rssKib(child.pid());
        }
        return kib / 1024.0;
    }

    String logTail() {
        synchronized (lines) {
            StringBuilder sb = new StringBuilder();
            lines.subList(Math.max(0, lines.size() - TAIL_LINES), lines.size())
                    .forEach(l -> sb.append(l.text()).append('\n'));
            return sb.toString();
        }
    }

    /** SIGTERM, then a kill of whatever is left of the tree after {@code grace}; returns the exit code or -1. */
    int stop(Duration grace) throws InterruptedException {
        List<ProcessHandle> tree = process.descendants().toList();
        process.toHandle().destroy();
        boolean exited = process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        close();
        tree.forEach(ProcessHandle::destroyForcibly);
        return exited ? process.exitValue() : -1;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private void readLog() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
            String text;
            while ((text = in.readLine()) != null) {
                long at = System.currentTimeMillis();
                synchronized (lines) {
                    lines.add(new Line(at, text));
                    lines.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
