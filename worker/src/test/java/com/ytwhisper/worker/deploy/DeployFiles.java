package com.ytwhisper.worker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The deployment files, read from a repository root; paths in messages are relative to it. */
final class DeployFiles {

    static final String DOCKER_DIR = "src/main/docker";
    static final String NATIVE = DOCKER_DIR + "/Dockerfile.native";
    static final String JVM = DOCKER_DIR + "/Dockerfile.jvm";
    static final String COMPOSE = DOCKER_DIR + "/docker-compose.yml";
    static final String ENTRYPOINT = DOCKER_DIR + "/entrypoint.sh";
    /** What {@code ytw} on the host sources to use the compose stack. */
    static final String HOST_ENV = DOCKER_DIR + "/ytw-local.env";
    static final String DEPLOYMENT = "DEPLOYMENT.md";
    static final String README = "README.md";

    final Path root;
    final Map<String, Dockerfile> dockerfiles = new LinkedHashMap<>();
    final JsonNode compose;
    final String composeText;
    final String entrypoint;
    /** Key to value and line, in file order. */
    final Map<String, Dockerfile.Located> hostEnv = new LinkedHashMap<>();
    final String deployment;
    final String readme;

    DeployFiles(Path root) {
        this.root = root;
        dockerfiles.put(NATIVE, Dockerfile.parse(read(NATIVE)));
        dockerfiles.put(JVM, Dockerfile.parse(read(JVM)));
        composeText = read(COMPOSE);
        try {
            compose = new ObjectMapper(new YAMLFactory()).readTree(composeText);
        } catch (IOException e) {
            throw new AssertionError(COMPOSE + " is not YAML: " + e.getMessage(), e);
        }
        entrypoint = read(ENTRYPOINT);
        String[] lines = read(HOST_ENV).split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                String[] kv = line.split("=", 2);
                hostEnv.put(kv[0].strip(), new Dockerfile.Located(kv.length == 2 ? kv[1].strip() : "", n + 1));
            }
        }
        deployment = read(DEPLOYMENT);
        readme = read(README);
    }

    String read(String relative) {
        Path file = root.resolve(relative);
        if (!Files.isRegularFile(file)) {
            throw new AssertionError(relative + " is missing (repository root " + root + ")");
        }
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The repository root: the first folder upwards from the working directory that holds mvnw and worker/. */
    static Path findRoot() {
        String configured = System.getProperty("ytw.repo.root");
        if (configured != null) {
            return Path.of(configured).toAbsolutePath();
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("mvnw")) && Files.isDirectory(dir.resolve("worker"))) {
                return dir;
            }
        }
        throw new AssertionError("no repository root (a folder with mvnw and worker/) above " + Path.of("").toAbsolutePath());
    }
}
