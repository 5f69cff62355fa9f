package com.ytwhisper.testkit.runpod;

/** The worker-side routes of the Runpod job API that the emulator serves. */
public enum WorkerRoute {
    TAKE("job-take"), TAKE_BATCH("job-take-batch"), DONE("job-done"), STREAM("job-stream"),
    PING("ping"), STOP("job-stop");

    final String segment;

    WorkerRoute(String segment) {
        this.segment = segment;
    }

    static WorkerRoute ofSegment(String segment) {
        for (WorkerRoute r : values()) {
            if (r.segment.equals(segment)) {
                return r;
            }
        }
        return null;
    }
}
