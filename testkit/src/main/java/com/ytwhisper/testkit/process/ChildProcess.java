package com.ytwhisper.testkit.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A program started by a test (a built jar, a script), its stdout and stderr collected as they
 * come. {@link #close()} kills it and everything it started, so no test leaves children behind.
 */
public final class ChildProcess implements AutoCloseable {

    private final Process process;
    private final StringBuffer stdout = new StringBuffer();
    private final StringBuffer stderr = new StringBuffer();
    private final Thread outReader;
    private final Thread errReader;

    private ChildProcess(Process process) {
        this.process = process;
        this.outReader = pump(process.getInputStream(), stdout, "stdout");
        this.errReader = pump(process.getErrorStream(), stderr, "stderr");
    }

    /** Starts {@code command} in {@code dir} with the parent's environment plus {@code env}. */
    public static ChildProcess start(List<String> command, Map<String, String> env, Path dir) {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        try {
            return new ChildProcess(pb.start());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
    }

    /** {@code java -jar <jar> args...} with the running JVM's java. */
    public static ChildProcess java(Path jar, List<String> args, Map<String, String> env, Path dir) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new java.util.ArrayList<>(List.of(java, "-jar", jar.toString()));
        command.addAll(args);
        return start(command, env, dir);
    }

    public long pid() {
        return process.pid();
    }

    /** Sends SIGTERM. */
    public void terminate() {
        process.destroy();
    }

    /** Waits for the exit and returns its status; fails the test if it takes longer than {@code timeout}. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("process did not exit within " + timeout + "\nstderr:\n" + stderr());
        }
        outReader.join(2_000);
        errReader.join(2_000);
        return process.exitValue();
    }

    /** Waits until stderr (the log) shows a line matching {@code what}. */
    public void awaitLog(Predicate<String> what, Duration timeout, String description) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (stderr.toString().lines().anyMatch(what)) {
                return;
            }
            if (!process.isAlive() && !errReader.isAlive()) {
                break;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no log line with " + description + " within " + timeout + "\nstderr:\n" + stderr());
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public String stdout() {
        return stdout.toString();
    }

    public String stderr() {
        return stderr.toString();
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    private static Thread pump(InputStream in, StringBuffer into, String name) {
        Thread t = new Thread(() -> {
            byte[] buf = new byte[8192];
            try (in) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    into.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                // the process is gone; what was read is kept
            }
        }, "child-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }
}
