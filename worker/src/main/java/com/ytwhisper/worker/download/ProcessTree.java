package com.ytwhisper.worker.download;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Ends a subprocess together with everything it started (yt-dlp and its ffmpeg, for example). */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Kills {@code root} and its descendants and waits up to {@code wait} for them to be gone.
     * The descendants are listed before the root dies, because orphans can no longer be found.
     *
     * @return true when every process of the tree has ended
     */
    static boolean kill(ProcessHandle root, Duration wait) {
        List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
        root.destroyForcibly();
        tree.forEach(ProcessHandle::destroyForcibly);
        tree.add(root);
        CompletableFuture<?>[] exits = tree.stream().map(ProcessHandle::onExit).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(exits).get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            return tree.stream().noneMatch(ProcessHandle::isAlive);
        }
    }
}
