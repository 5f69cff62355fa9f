package com.ytwhisper.worker.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** The job's private working folder (0700), which the caller deletes when the job ends. */
final class JobFolder {

    private JobFolder() {
    }

    static void create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    static void deleteQuietly(Path file) {
        if (file == null) {
            return;
        }
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the job folder is deleted as a whole afterwards
        }
    }
}
