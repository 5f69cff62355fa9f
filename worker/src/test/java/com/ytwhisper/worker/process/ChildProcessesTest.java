package com.ytwhisper.worker.process;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.ytwhisper.worker.ExternalProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real processes: a shell stands in for yt-dlp and {@code sleep} for the ffmpeg it starts. */
@ExternalProcesses
class ChildProcessesTest {

    @TempDir
    Path temp;

    @Test
    void aStartedToolLeadsItsOwnProcessGroup() throws Exception {
        Process p = ChildProcesses.start(new ProcessBuilder("sleep", "30"));
        try {
            assertTrue(ChildProcesses.guarded(), "setsid is installed here");
            awaitCommand(p.pid(), "sleep");
            assertEquals(p.pid(), processGroup(p.pid()));
        } finally {
            ChildProcesses.killTree(p.toHandle(), Duration.ofSeconds(5));
        }
    }

    @Test
    void killingATreeEndsOrphanedGrandchildrenToo() throws Exception {
        Path orphanPid = temp.resolve("orphan.pid");
        // the subshell starts a sleep and exits at once: the sleep is re-parented, no longer a descendant
        Process root = ChildProcesses.start(new ProcessBuilder("sh", "-c",
                "(sleep 300 & echo $! > '" + orphanPid + "'); exec sleep 300"));
        ProcessHandle orphan = ProcessHandle.of(awaitPid(orphanPid)).orElseThrow();
        try {
            await("the sleep is an orphan (the subshell has exited)").atMost(Duration.ofSeconds(5))
                    .until(() -> root.descendants().noneMatch(d -> d.pid() == orphan.pid()));

            assertTrue(ChildProcesses.killTree(root.toHandle(), Duration.ofSeconds(5)));

            awaitStopped(List.of(orphan.pid()), "the orphaned grandchild outlived the kill");
        } finally {
            orphan.destroyForcibly();
            root.destroyForcibly();
        }
    }

    @Test
    void theWatchdogKillsEveryRegisteredGroupWhenItsPipeCloses() throws Exception {
        // the worker's death closes the pipe; here the test closes it
        Process watchdog = new ProcessBuilder("setsid", "/bin/sh", "-c", ChildProcesses.WATCHDOG_SCRIPT).start();
        Process tool = new ProcessBuilder("setsid", "sh", "-c", "sleep 300 & exec sleep 300").start();
        Process forgotten = new ProcessBuilder("setsid", "sleep", "300").start();
        try {
            awaitCommand(tool.pid(), "sleep");
            List<ProcessHandle> tree = List.of(tool.toHandle(), tool.descendants().findFirst().orElseThrow());
            watchdog.getOutputStream().write(("+" + tool.pid() + "\n+" + forgotten.pid() + "\n-" + forgotten.pid()
                    + "\n").getBytes(StandardCharsets.US_ASCII));
            watchdog.getOutputStream().flush();
            Thread.sleep(200);
            assertTrue(tree.stream().allMatch(ProcessHandle::isAlive), "nothing is killed while the pipe is open");

            watchdog.getOutputStream().close();

            awaitStopped(tree.stream().map(ProcessHandle::pid).toList(), "the registered group outlived the worker");
            assertTrue(Running.isRunning(forgotten.pid()), "a group the worker forgot is left alone");
        } finally {
            for (Process p : List.of(watchdog, tool, forgotten)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
    }

    private static void awaitStopped(List<Long> pids, String failure) {
        await(failure).atMost(Duration.ofSeconds(2)).until(() -> pids.stream().noneMatch(Running::isRunning));
    }

    private static long processGroup(long pid) throws Exception {
        String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[2]); // state, ppid, pgrp
    }

    /** Waits until {@code pid} runs {@code word} (setsid has exec'd it, so its group is set). */
    private static void awaitCommand(long pid, String word) throws Exception {
        await("process " + pid + " runs " + word).atMost(Duration.ofSeconds(5)).until(() ->
                Files.readString(Path.of("/proc", String.valueOf(pid), "cmdline")).replace('\0', ' ').startsWith(word));
    }

    private static long awaitPid(Path file) throws Exception {
        String text = await("a pid in " + file).atMost(Duration.ofSeconds(5))
                .until(() -> Files.exists(file) ? Files.readString(file).strip() : "", pid -> !pid.isEmpty());
        return Long.parseLong(text);
    }
}
