package com.ytwhisper.worker.deploy;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drift check fails on drift: a copy of the repository's deployment files and code, changed one way at a time. */
class DriftCheckTest {

    @TempDir
    Path repo;

    @BeforeEach
    void copyTheRepository() throws IOException {
        Path real = DeployFiles.findRoot();
        for (String part : List.of("mvnw", "README.md", "DEPLOYMENT.md", "src/main/docker", "worker/src/main",
                "client/src/main", "client/bin")) {
            copy(real.resolve(part), repo.resolve(part));
        }
    }

    @Test
    void aVariableNoCodeReadsIsNamedWithWhereItIsSet() throws IOException {
        append(DeployFiles.NATIVE, "ENV WORKER_NO_SUCH_SETTING=1\n");

        String problem = problemAbout("WORKER_NO_SUCH_SETTING:");
        assertTrue(problem.contains("not read by the code") && problem.contains("missing from README.md"), problem);
        assertTrue(problem.contains(DeployFiles.NATIVE + ":"), problem);
        assertTrue(problems().stream().anyMatch(p -> p.startsWith("final ENV WORKER_NO_SUCH_SETTING differs")), problems().toString());
    }

    @Test
    void namesDerivedFromAConfigMappingCountButNamesInCommentsDoNot() throws IOException {
        write("worker/src/main/java/probe/ProbeConfig.java", """
                package probe;
                /** Reads WORKER_PROBE_IN_A_COMMENT, says this comment. */
                @io.smallrye.config.ConfigMapping(prefix = "worker")
                interface ProbeConfig {
                    /** WORKER_PROBE_IN_A_JAVADOC */
                    @io.smallrye.config.WithDefault("5")
                    long probeTimeoutMs();

                    Group probe();

                    interface Group {
                        @io.smallrye.config.WithName("url-list")
                        java.util.Optional<String> urls();
                    }
                }
                """);
        replace(DeployFiles.COMPOSE, "      WORKER_LOCAL_API_KEY: local-dev-key\n", """
                      WORKER_LOCAL_API_KEY: local-dev-key
                      WORKER_PROBE_TIMEOUT_MS: "5"
                      WORKER_PROBE_URL_LIST: x
                      WORKER_PROBE_IN_A_COMMENT: x
                      WORKER_PROBE_IN_A_JAVADOC: x
                """);
        append("README.md", "WORKER_PROBE_TIMEOUT_MS WORKER_PROBE_URL_LIST WORKER_PROBE_IN_A_COMMENT WORKER_PROBE_IN_A_JAVADOC\n");

        assertTrue(problemAbout("WORKER_PROBE_IN_A_COMMENT:").contains("not read by the code"));
        assertTrue(problemAbout("WORKER_PROBE_IN_A_JAVADOC:").contains("not read by the code"));
        assertFalse(problems().stream().anyMatch(p -> p.startsWith("WORKER_PROBE_TIMEOUT_MS") || p.startsWith("WORKER_PROBE_URL_LIST")),
                problems().toString());
    }

    @Test
    void theHostSideMustMatchWhatComposePublishes() throws IOException {
        replace(DeployFiles.COMPOSE, "\"127.0.0.1:8000:8000\"", "\"127.0.0.1:8001:8000\"");
        replace(DeployFiles.HOST_ENV, "RUNPOD_API_KEY=local-dev-key", "RUNPOD_API_KEY=another-key");

        assertTrue(problemAbout(DeployFiles.HOST_ENV + ":").contains("RUNPOD_ENDPOINT_BASE_URL should be http://127.0.0.1:8001/v2"),
                problems().toString());
        assertTrue(problems().stream().anyMatch(p -> p.contains("RUNPOD_API_KEY should be local-dev-key")), problems().toString());
    }

    @Test
    void theWorkerMustListenOnThePortItPublishesAndExposes() throws IOException {
        replace(DeployFiles.COMPOSE, "\"--rp_api_port\", \"8000\"", "\"--rp_api_port\", \"8002\"");
        replace(DeployFiles.NATIVE, "EXPOSE 8000", "EXPOSE 8123");

        assertTrue(problems().stream().anyMatch(p -> p.contains("publishes 8000 but the worker listens on 8002")), problems().toString());
        assertTrue(problems().stream().anyMatch(p -> p.contains("EXPOSE 8123: the worker's code has no port 8123")), problems().toString());
        assertTrue(problems().stream().anyMatch(p -> p.contains("does not EXPOSE [8123]")), problems().toString());
    }

    @Test
    void pathsTheImagesUseMustExist() throws IOException {
        replace(DeployFiles.JVM, "/build/worker/src/main/python/ytw_sidecar /app", "/build/worker/src/main/python/no_such_dir /app");
        replace(DeployFiles.JVM, "WORKER_PYTHON=/opt/venv/bin/python3", "WORKER_PYTHON=/opt/nowhere/python3");
        replace(DeployFiles.NATIVE, "COPY src/main/docker/entrypoint.sh", "COPY src/main/docker/no-such-script.sh");

        assertTrue(problems().stream().anyMatch(p -> p.contains("worker/src/main/python/no_such_dir is not in the repository")),
                problems().toString());
        assertTrue(problems().stream().anyMatch(p -> p.contains("ENV WORKER_PYTHON uses /opt/nowhere/python3")), problems().toString());
        assertTrue(problems().stream().anyMatch(p -> p.contains("src/main/docker/no-such-script.sh is not in the repository")),
                problems().toString());
    }

    private List<String> problems() {
        return DriftCheck.problems(repo);
    }

    private String problemAbout(String start) {
        List<String> problems = problems();
        return problems.stream().filter(p -> p.startsWith(start)).findFirst()
                .orElseThrow(() -> new AssertionError("no problem starting with " + start + " in " + problems));
    }

    private void replace(String file, String old, String replacement) throws IOException {
        String text = Files.readString(repo.resolve(file));
        assertTrue(text.contains(old), file + " no longer contains " + old + "; update this test");
        Files.writeString(repo.resolve(file), text.replace(old, replacement));
    }

    private void append(String file, String text) throws IOException {
        Files.writeString(repo.resolve(file), Files.readString(repo.resolve(file)) + text);
    }

    private void write(String file, String text) throws IOException {
        Files.createDirectories(repo.resolve(file).getParent());
        Files.writeString(repo.resolve(file), text);
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> all = Files.walk(from)) {
            all.forEach(source -> {
                Path target = to.resolve(from.relativize(source).toString());
                try {
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(source, target);
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }
}
