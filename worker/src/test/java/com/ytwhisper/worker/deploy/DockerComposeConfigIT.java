package com.ytwhisper.worker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker-compose.yml passes {@code docker-compose config} (Debian package docker-compose; it
 * validates without a Docker engine), and the same command rejects the file with one wrong key,
 * so the check is real.
 */
class DockerComposeConfigIT {

    static final Path DOCKER_DIR = DeployFiles.findRoot().resolve(DeployFiles.DOCKER_DIR);

    @TempDir
    Path dir;

    @Test
    void theComposeFileIsValid() throws Exception {
        Result r = config(DOCKER_DIR.resolve("docker-compose.yml"));
        assertEquals(0, r.exit, "docker-compose config rejects " + DeployFiles.COMPOSE + ":\n" + r.stderr);
    }

    @Test
    void anInvalidComposeFileIsRejected() throws Exception {
        String valid = Files.readString(DOCKER_DIR.resolve("docker-compose.yml"));
        assertTrue(valid.contains("\n  worker:\n"), "update this test: no worker service");
        Path broken = dir.resolve("docker-compose.yml");
        Files.writeString(broken, valid.replace("\n  worker:\n", "\n  worker:\n    no_such_option: 1\n"));

        Result r = config(broken);
        assertNotEquals(0, r.exit, r.stderr);
        assertTrue(r.stderr.contains("no_such_option"), r.stderr);
    }

    private record Result(int exit, String stderr) {
    }

    /** {@code docker-compose config -q} with relative paths resolved from src/main/docker. */
    private Result config(Path file) throws Exception {
        List<String> command = List.of("docker-compose", "-f", file.toString(), "--project-directory", DOCKER_DIR.toString(),
                "config", "-q");
        try (ChildProcess p = start(command)) {
            return new Result(p.waitFor(Duration.ofSeconds(60)), p.stderr());
        }
    }

    private ChildProcess start(List<String> command) {
        try {
            return ChildProcess.start(command, Map.of(), dir);
        } catch (RuntimeException e) {
            throw new AssertionError("cannot run docker-compose; install the Debian package docker-compose (.ci/run does)", e);
        }
    }
}
