package com.ytwhisper.worker.sidecar;

import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the folder holding the {@code ytw_sidecar} package: {@code WORKER_SIDECAR_DIR} when set,
 * else {@code sidecar/} beside the running fast-jar (where the build puts it), else
 * {@code src/main/python} of the worker's source tree (tests and dev mode).
 */
final class SidecarLocation {

    static final String PACKAGE_MAIN = "ytw_sidecar/__main__.py";

    private SidecarLocation() {
    }

    static Path resolve(Optional<Path> configured) {
        if (configured.isPresent()) {
            Path dir = configured.get().toAbsolutePath().normalize();
            if (!holdsSidecar(dir)) {
                throw new IllegalStateException("WORKER_SIDECAR_DIR=" + dir + " has no " + PACKAGE_MAIN
                        + "; point it at the folder that holds the ytw_sidecar package, or unset it");
            }
            return dir;
        }
        return find(startingPoints()).orElseThrow(() -> new IllegalStateException(
                "the ytw_sidecar package was not found beside the application (no sidecar/" + PACKAGE_MAIN
                        + " or src/main/python/" + PACKAGE_MAIN + " above the application's jar, the class path or "
                        + Path.of("").toAbsolutePath() + "); set WORKER_SIDECAR_DIR to the folder that holds it"));
    }

    /** Looks in {@code sidecar/} and {@code src/main/python/} of each start and its parents. */
    static Optional<Path> find(List<Path> starts) {
        for (Path start : starts) {
            for (Path dir = start; dir != null; dir = dir.getParent()) {
                for (Path candidate : List.of(dir.resolve("sidecar"), dir.resolve("src/main/python"))) {
                    if (holdsSidecar(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    private static boolean holdsSidecar(Path dir) {
        return Files.isRegularFile(dir.resolve(PACKAGE_MAIN));
    }

    /**
     * Where this class was loaded from (the fast-jar's app/ jar, or target/classes), the class path
     * ({@code quarkus-run.jar} under {@code java -jar}), then the working directory.
     */
    private static List<Path> startingPoints() {
        List<Path> starts = new ArrayList<>();
        CodeSource source = SidecarLocation.class.getProtectionDomain().getCodeSource();
        if (source != null && source.getLocation() != null && "file".equals(source.getLocation().getProtocol())) {
            try {
                starts.add(Path.of(source.getLocation().toURI()).toAbsolutePath());
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a plain file location: fall back to the working directory
            }
        }
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                starts.add(Path.of(entry).toAbsolutePath());
            }
        }
        starts.add(Path.of("").toAbsolutePath());
        return starts;
    }
}
