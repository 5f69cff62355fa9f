package com.ytwhisper.worker.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Helpers for the download step's private folders (0700): create one, and delete a file in it
 * early without failing; the caller deletes the folder as a whole when the job ends.
 */
final class PrivateFolders {

    private PrivateFolders() {
    }

    /** Creates the folder, readable by this user only. */
    static void create(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    /** Deletes one file or empty folder early; a failure is left to the folder's final deletion. */
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
