package com.ytwhisper.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.download.DownloadException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobFoldersTest {

    @TempDir
    Path root;

    @Test
    void aJobFolderIsPrivateAndNamedForThisProcess() throws Exception {
        Path dir = new JobFolders(root).create("job/../../x");
        assertEquals(root, dir.getParent(), "the job id must not steer the folder elsewhere");
        assertTrue(dir.getFileName().toString().startsWith(ProcessHandle.current().pid() + "-job_.._.._x-"));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
    }

    @Test
    void aWorkFolderThatCannotHoldFoldersIsNamedWithTheSetting() throws Exception {
        Path notAFolder = Files.writeString(root.resolve("work"), "a file where the work folder should be");
        DownloadException e = assertThrows(DownloadException.class, () -> new JobFolders(notAFolder).create("job-1"));
        assertTrue(e.getMessage().startsWith("cannot create the job's folder in the work folder " + notAFolder
                + " (WORKER_WORK_DIR): "), e.getMessage());
    }

    @Test
    void leftoversOfDeadProcessesAreDeletedAndLiveOnesKept() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Path dead = Files.createDirectories(root.resolve(gone.pid() + "-job-1-abc"));
        Files.writeString(dead.resolve("media.wav"), "x");
        Path mine = new JobFolders(root).create("job-2");
        Path foreign = Files.createDirectories(root.resolve("not-a-job-folder"));

        assertEquals(1, new JobFolders(root).deleteLeftovers());
        assertFalse(Files.exists(dead));
        assertTrue(Files.exists(mine));
        assertTrue(Files.exists(foreign));
    }
}
