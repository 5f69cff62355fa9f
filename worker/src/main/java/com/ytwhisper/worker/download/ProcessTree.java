package com.ytwhisper.worker.download;

import com.ytwhisper.worker.process.ChildProcesses;
import java.time.Duration;

/** Ends a subprocess together with everything it started (yt-dlp and its ffmpeg, for example). */
final class ProcessTree {

    private ProcessTree() {
    }

    /**
     * Kills {@code root}'s process group and its descendants (orphans included) and waits up to
     * {@code wait} for them to be gone.
     *
     * @return true when every process of the tree has ended
     */
    static boolean kill(ProcessHandle root, Duration wait) {
        return ChildProcesses.killTree(root, wait);
    }
}
