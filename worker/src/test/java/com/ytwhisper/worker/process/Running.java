package com.ytwhisper.worker.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Whether a process still runs. A killed orphan stays a zombie until PID 1 reaps it, and in
 * containers without an init that reaps (these test machines) it stays one, which
 * {@link ProcessHandle#isAlive()} counts as alive; a zombie runs nothing, so it counts as ended.
 */
public final class Running {

    private Running() {
    }

    public static boolean isRunning(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2);
            return state != 'Z' && state != 'X';
        } catch (IOException e) {
            return false;
        }
    }
}
