package com.ytwhisper.worker.runpod;

/** How a failed platform call is written in log lines and retry notes: the exception's kind and message. */
final class Failures {

    private Failures() {
    }

    /** {@code ConnectException: Connection refused}, or just the kind when there is no message. */
    static String describe(Throwable t) {
        String name = t.getClass().getSimpleName();
        return t.getMessage() == null ? name : name + ": " + t.getMessage();
    }
}
