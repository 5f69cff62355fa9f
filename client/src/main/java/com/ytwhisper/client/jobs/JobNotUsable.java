package com.ytwhisper.client.jobs;

/** A command named a job it cannot act on: unknown here, or never accepted by the endpoint. */
public class JobNotUsable extends RuntimeException {

    private final boolean unknown;

    JobNotUsable(String message, boolean unknown) {
        super(message);
        this.unknown = unknown;
    }

    /** True when no status file has this id. */
    public boolean unknown() {
        return unknown;
    }
}
