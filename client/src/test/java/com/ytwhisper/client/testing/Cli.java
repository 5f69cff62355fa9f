package com.ytwhisper.client.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs the real {@code client/bin} scripts (and so the packaged jar) through bash with a private
 * {@code YT_JOBS_HOME}, and ends every poller process they left behind.
 */
public final class Cli implements AutoCloseable {

    /** What a command did. */
    public record Result(int exitCode, String stdout, String stderr, Duration took) {
        @Override
        public String toString() {
            return "exit " + exitCode + " after " + took.toMillis() + " ms\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    private static final Pattern POLLER_PID = Pattern.compile("poller (\\d+):");

    private final Path bin = Path.of("bin").toAbsolutePath();
    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private final java.util.Set<String> removed = new java.util.HashSet<>();

    public Cli(Path home, String baseUrl) {
        this.home = home;
        env.put("YT_JOBS_HOME", home.toString());
        env.put("RUNPOD_ENDPOINT_BASE_URL", baseUrl);
        env.put("RUNPOD_ENDPOINT_ID", EmulatedEndpoint.ENDPOINT_ID);
        env.put("RUNPOD_API_KEY", EmulatedEndpoint.API_KEY);
        env.put("YTW_POLL_INTERVAL", "200ms");
        env.put("YTW_WAIT_REFRESH", "100ms");
        env.put("RUNPOD_RETRY_DELAY_MS", "20");
        env.put("RUNPOD_MAX_RETRIES", "2");
        env.put("RUNPOD_CALL_TIMEOUT_MS", "20000"); // a cold JVM on a busy machine is slow to send its first call
        env.put("RUNPOD_SUBMIT_TIMEOUT_MS", "20000");
    }

    public Path home() {
        return home;
    }

    public Path bin() {
        return bin;
    }

    /** Sets (or with null removes) an environment variable for later commands. */
    public Cli env(String name, String value) {
        if (value == null) {
            env.remove(name);
            removed.add(name);
        } else {
            env.put(name, value);
            removed.remove(name);
        }
        return this;
    }

    /** Runs a bash command line with {@code client/bin} first on the PATH. */
    public Result bash(String commandLine) {
        return bash(commandLine, Duration.ofSeconds(90));
    }

    public Result bash(String commandLine, Duration timeout) {
        try {
            Path out = Files.createTempFile("cli-out", ".txt");
            Path err = Files.createTempFile("cli-err", ".txt");
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", commandLine)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(err.toFile());
            removed.forEach(builder.environment()::remove);
            builder.environment().putAll(env);
            builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            Instant start = Instant.now();
            Process process = builder.start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError("timed out after " + timeout + ": " + commandLine + "\n" + Files.readString(err));
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8), Duration.between(start, Instant.now()));
            Files.delete(out);
            Files.delete(err);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Starts {@code command} with this environment, output to {@code log}; the caller ends it. */
    public Process start(List<String> command, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        removed.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        builder.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        return builder.start();
    }

    /** The pids of every poller that wrote to {@code poller.log}. */
    public List<Long> pollerPids() {
        Path log = home.resolve("poller.log");
        if (!Files.exists(log)) {
            return List.of();
        }
        try {
            Matcher m = POLLER_PID.matcher(Files.readString(log));
            return m.results().map(r -> Long.parseLong(r.group(1))).distinct().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String pollerLog() {
        try {
            Path log = home.resolve("poller.log");
            return Files.exists(log) ? Files.readString(log) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code condition} holds, failing after {@code timeout}. */
    public static void await(String what, Duration timeout, java.util.function.BooleanSupplier condition) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
    }

    @Override
    public void close() {
        for (long pid : pollerPids()) {
            ProcessHandle.of(pid).ifPresent(p -> {
                p.destroy();
                p.onExit().orTimeout(5, TimeUnit.SECONDS).exceptionally(e -> {
                    p.destroyForcibly();
                    return p;
                }).join();
            });
        }
    }
}
