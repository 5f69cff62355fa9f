package com.ytwhisper.worker.sidecar;

/** A process's exit status in words: Java reports death by signal N as 128 + N. */
final class ExitStatus {

    private ExitStatus() {
    }

    static String describe(int exitCode) {
        if (exitCode > 128 && exitCode < 128 + 65) {
            int signal = exitCode - 128;
            String name = switch (signal) {
                case 6 -> " (SIGABRT)";
                case 9 -> " (SIGKILL, e.g. out of memory)";
                case 11 -> " (SIGSEGV)";
                case 15 -> " (SIGTERM)";
                default -> "";
            };
            return "was killed by signal " + signal + name;
        }
        return "exited with code " + exitCode;
    }
}
