package com.ytwhisper.testkit.s3;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Adobe S3Mock as a child process on 127.0.0.1 (never in the test JVM: it is a Spring Boot app).
 * Starting takes about 3 s, so share one per test class. S3Mock ignores credentials: use
 * {@link S3ErrorStandIn} for authentication errors. Its extra HTTP connector always binds every
 * interface; {@code --http.port=0} at least moves it to a random port.
 *
 * <p>The exec jar is found through the system property {@value #JAR_PROPERTY}, else at
 * {@value #CONVENTIONAL_JAR} below the working directory, where the consuming module's
 * {@code maven-dependency-plugin} {@code copy} execution puts {@code com.adobe.testing:s3mock:5.2.0:jar:exec}.
 */
public final class S3MockServer implements AutoCloseable {

    public static final String JAR_PROPERTY = "s3mock.jar";
    public static final String CONVENTIONAL_JAR = "target/s3mock/s3mock-exec.jar";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static final int START_TRIES = 3;

    private final Process process;
    private final int port;
    private final Path home;
    private final Thread shutdownHook;

    private S3MockServer(Process process, int port, Path home) {
        this.process = process;
        this.port = port;
        this.home = home;
        this.shutdownHook = new Thread(this::stopProcess, "s3mock-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts S3Mock with the given buckets already created and waits until it answers. */
    public static S3MockServer start(String... initialBuckets) {
        Path jar = locateJar();
        IllegalStateException last = null;
        for (int attempt = 1; attempt <= START_TRIES; attempt++) {
            try {
                return startOnce(jar, freePort(), initialBuckets);
            } catch (PortTakenException e) {
                last = e; // another process took the port between our check and S3Mock's bind
            }
        }
        throw last;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        stopProcess();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down; the hook does the same work
        }
        deleteTree(home);
    }

    private void stopProcess() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static S3MockServer startOnce(Path jar, int port, String[] buckets) {
        Path home = createTempDir();
        Path log = home.resolve("s3mock.log");
        List<String> command = new ArrayList<>(List.of(javaBinary(), "-Xmx256m", "-XX:TieredStopAtLevel=1",
                "-jar", jar.toString(),
                "--server.address=127.0.0.1", "--server.port=" + port, "--server.ssl.enabled=false",
                "--http.port=0",
                "--com.adobe.testing.s3mock.store.root=" + home.resolve("store"),
                "--spring.main.banner-mode=off"));
        if (buckets.length > 0) {
            command.add("--com.adobe.testing.s3mock.store.initial-buckets=" + String.join(",", buckets));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            deleteTree(home);
            throw new UncheckedIOException("Cannot start S3Mock with " + javaBinary(), e);
        }
        S3MockServer server = new S3MockServer(process, port, home);
        try {
            server.awaitReady(log);
            return server;
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitReady(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(endpoint().resolve("/")).timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                String output = tail(log);
                if (output.contains("already in use")) {
                    throw new PortTakenException(output);
                }
                throw new IllegalStateException("S3Mock exited with code " + process.exitValue()
                        + " before answering; its output ends with:\n" + output);
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for S3Mock", e);
            }
            sleep(100);
        }
        throw new IllegalStateException("S3Mock did not answer GET / on port " + port + " within "
                + START_TIMEOUT.toSeconds() + " s; its output ends with:\n" + tail(log));
    }

    private static Path locateJar() {
        String configured = System.getProperty(JAR_PROPERTY);
        Path jar = Path.of(configured != null ? configured : CONVENTIONAL_JAR).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("S3Mock exec jar not found at " + jar + ": build through Maven (the module's"
                    + " maven-dependency-plugin copies com.adobe.testing:s3mock:5.2.0:jar:exec to " + CONVENTIONAL_JAR
                    + ") or set -D" + JAR_PROPERTY + "=/path/to/s3mock-exec.jar.");
        }
        return jar;
    }

    private static String javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path createTempDir() {
        try {
            return Files.createTempDirectory("s3mock-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String tail(Path log) {
        try {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            return text.substring(Math.max(0, text.length() - 4000));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for S3Mock", e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a leftover temp folder is harmless
        }
    }

    private static final class PortTakenException extends IllegalStateException {
        PortTakenException(String output) {
            super("S3Mock could not bind its port; its output ends with:\n" + output);
        }
    }
}
