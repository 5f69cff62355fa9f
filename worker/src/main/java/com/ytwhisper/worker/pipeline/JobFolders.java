package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.download.DownloadException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * One private folder per job under the work area, named {@code <pid>-<job>-<random>} so that a
 * worker can tell, at boot, which folders a killed earlier process left behind.
 */
public final class JobFolders {

    private static final Logger LOG = Logger.getLogger(JobFolders.class);

    private final Path root;

    public JobFolders(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /**
     * Creates the job's folder, readable by this user only.
     *
     * @throws DownloadException naming WORKER_WORK_DIR when the disk is full or the folder not writable
     */
    public Path create(String jobId) {
        String safe = jobId.replaceAll("[^A-Za-z0-9._-]", "_");
        if (safe.length() > 64) {
            safe = safe.substring(0, 64);
        }
        Path dir;
        try { // a full or read-only disk fails the job with the place named
            Files.createDirectories(root);
            dir = Files.createTempDirectory(root, ProcessHandle.current().pid() + "-" + safe + "-");
            try {
                Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system
            }
        } catch (IOException e) {
            String why = String.valueOf(e.getMessage()).contains("No space left on device")
                    ? "the disk is full" : e.getClass().getSimpleName();
            throw new DownloadException("cannot create the job's folder in the work folder " + root
                    + " (WORKER_WORK_DIR): " + why + "; free space there, or point WORKER_WORK_DIR at a writable"
                    + " folder on a larger disk");
        }
        return dir;
    }

    /** Deletes the folders of processes that are no longer running; returns how many. */
    public int deleteLeftovers() {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Long pid = ownerPid(dir);
                if (pid != null && pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).isEmpty()) {
                    delete(dir);
                    deleted++;
                }
            }
        } catch (IOException e) {
            LOG.warnf("could not clean %s: %s", root, e.getMessage());
        }
        if (deleted > 0) {
            LOG.infof("deleted %d job folder(s) left by an earlier worker process in %s", deleted, root);
        }
        return deleted;
    }

    private static Long ownerPid(Path dir) {
        String name = dir.getFileName().toString();
        int dash = name.indexOf('-');
        try {
            return dash > 0 ? Long.parseLong(name.substring(0, dash)) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Deletes a folder and everything in it; failures are logged, never thrown. */
    public static void delete(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                    Files.delete(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            LOG.warnf("could not delete %s: %s", dir, e.getMessage());
        }
    }
}
