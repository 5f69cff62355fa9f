package com.ytwhisper.worker.sidecar;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SidecarSettingsTest {

    @TempDir
    Path dir;

    private static SidecarSettings settings(double factor, long minMs) {
        return new SidecarSettings("auto", "large-v3", "cuda", "float16", "python3", Path.of("/opt/sidecar"),
                Duration.ofSeconds(60), Duration.ofSeconds(5), factor, Duration.ofMillis(minMs));
    }

    @Test
    void jobTimeoutScalesWithTheAudioAndHasAFloor() {
        assertEquals(Duration.ofMillis(300_000), settings(1.0, 300_000).jobTimeout(60));
        assertEquals(Duration.ofMillis(14_400_000), settings(1.0, 300_000).jobTimeout(4 * 3600));
        assertEquals(Duration.ofMillis(1_500), settings(0.5, 1_000).jobTimeout(3.0));
        assertEquals(Duration.ofMillis(1_000), settings(0.5, 1_000).jobTimeout(Double.NaN));
    }

    @Test
    void aTimeoutFactorThatIsNotPositiveIsRefusedByName() {
        SidecarConfig config = EarlyStart.fromEnvironment(Map.of("WORKER_TRANSCRIBE_TIMEOUT_FACTOR", "0"));
        assertTrue(assertThrows(IllegalArgumentException.class, config::checkedTranscribeTimeoutFactor)
                .getMessage().contains("WORKER_TRANSCRIBE_TIMEOUT_FACTOR"));
        assertEquals(0.5, EarlyStart.fromEnvironment(Map.of("WORKER_TRANSCRIBE_TIMEOUT_FACTOR", "0.5"))
                .checkedTranscribeTimeoutFactor());
    }

    @Test
    void theSidecarBesideTheFastJarIsFound() throws IOException {
        Path app = dir.resolve("quarkus-app");
        Path jar = Files.createDirectories(app.resolve("app")).resolve("ytw-worker.jar");
        Files.createFile(jar);
        sidecarPackageIn(app.resolve("sidecar"));

        assertEquals(Optional.of(app.resolve("sidecar")), SidecarLocation.find(List.of(jar)));
    }

    @Test
    void theSourceTreeIsFoundFromTargetClasses() throws IOException {
        Path worker = dir.resolve("worker");
        Path classes = Files.createDirectories(worker.resolve("target/classes"));
        sidecarPackageIn(worker.resolve("src/main/python"));

        assertEquals(Optional.of(worker.resolve("src/main/python")), SidecarLocation.find(List.of(classes)));
        assertEquals(Optional.empty(), SidecarLocation.find(List.of(dir.resolve("elsewhere"))));
    }

    @Test
    void aConfiguredFolderWithoutTheSidecarIsRefusedWithTheFix() throws IOException {
        assertEquals(dir, SidecarLocation.resolve(Optional.of(sidecarPackageIn(dir))));
        IllegalStateException error = assertThrows(IllegalStateException.class,
                () -> SidecarLocation.resolve(Optional.of(dir.resolve("empty"))));
        assertTrue(error.getMessage().startsWith("WORKER_SIDECAR_DIR=" + dir.resolve("empty") + " has no ytw_sidecar/__main__.py"),
                error.getMessage());
    }

    private static Path sidecarPackageIn(Path folder) throws IOException {
        Files.createDirectories(folder.resolve("ytw_sidecar"));
        Files.writeString(folder.resolve("ytw_sidecar/__main__.py"), "");
        return folder;
    }
}
