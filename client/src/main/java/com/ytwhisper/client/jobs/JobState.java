package com.ytwhisper.client.jobs;

import com.fasterxml.jackson.annotation.JsonValue;

/** The four states of docs/prototype-contract.md, Status file, written in lower case. */
public enum JobState {
    /** The submit call is being made. */
    STARTING,
    /** Queued or executing on Runpod. */
    RUNNING,
    /** Finished; the SRT is in S3. */
    DONE,
    /** Failed; see {@code error}. */
    ERROR;

    @JsonValue
    public String json() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public boolean isActive() {
        return this == STARTING || this == RUNNING;
    }
}
