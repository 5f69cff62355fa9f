package com.ytwhisper.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The worker's AppCDS archive, recorded by a training run ({@code -XX:ArchiveClassesAtExit}): the
 * worker starts, runs one failing and one real job and exits on SIGTERM, and the JVM writes every
 * class it loaded. Reused while it is newer than the jar; the archive names the jar by its path.
 */
final class CdsArchive {

    private CdsArchive() {
    }

    static Path ensure(Rig rig) throws InterruptedException {
        Path archive = rig.root.resolve("bench/target/cds/worker.jsa");
        try {
            if (Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(rig.workerJar())) > 0) {
                return archive;
            }
            Files.createDirectories(archive.getParent());
            Path tmp = archive.resolveSibling("worker.jsa.tmp");
            Files.deleteIfExists(tmp);
            System.err.println("recording the worker's AppCDS archive (a training run with two jobs)...");
            Launcher training = Launcher.jar(rig, "training", List.of("-XX:ArchiveClassesAtExit=" + tmp));
            try (WorkerRun worker = WorkerRun.start(rig, training, 1, rig.media())) {
                worker.awaitFirstTake();
                worker.run("training-invalid", "{}");
                worker.run("training-real", Jobs.realInput(rig.media(), "training-real", ""));
                int exit = worker.stop();
                if (exit != 0 || !Files.isRegularFile(tmp) || Files.size(tmp) == 0) {
                    throw new IllegalStateException("the training run exited with " + exit + " and left no archive;"
                            + " its log ends with:\n" + worker.process.logTail());
                }
            }
            Files.move(tmp, archive, StandardCopyOption.REPLACE_EXISTING);
            return archive;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the AppCDS archive " + archive, e);
        }
    }
}
