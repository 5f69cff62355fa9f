package com.ytwhisper.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident set sizes read from Linux's /proc. */
final class ProcessMemory {

    private ProcessMemory() {
    }

    /** {@code VmRSS} of one process in KiB, 0 when it is gone (or this is not Linux). */
    static long rssKib(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", ""));
                }
            }
        } catch (IOException | NumberFormatException e) {
            // exited between listing and reading
        }
        return 0;
    }
}
