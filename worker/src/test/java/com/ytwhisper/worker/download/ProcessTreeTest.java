package com.ytwhisper.worker.download;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ProcessTreeTest {

    @Test
    void killsTheProcessAndEveryDescendant() throws Exception {
        // a real tree: a shell with two children, like yt-dlp with its ffmpeg (a shell only here, in a test)
        Process root = new ProcessBuilder("sh", "-c", "sleep 300 & sleep 300 & wait").start();
        try {
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (root.descendants().count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            List<ProcessHandle> tree = Stream.concat(Stream.of(root.toHandle()), root.descendants()).toList();
            assertTrue(tree.size() >= 3, "shell and two sleeps: " + tree.size());

            assertTrue(ProcessTree.kill(root.toHandle(), Duration.ofSeconds(5)));

            assertFalse(tree.stream().anyMatch(ProcessHandle::isAlive));
        } finally {
            root.descendants().forEach(ProcessHandle::destroyForcibly);
            root.destroyForcibly();
        }
    }
}
