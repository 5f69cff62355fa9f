package com.ytwhisper.worker.pipeline;

import java.util.List;

/**
 * A job's input broke one or more rules. The message lists every problem, each starting with
 * the field it concerns, e.g. {@code invalid job input: youtube_url: required (or give
 * audio_url); beam_size: must be a whole number from 1 to 10, got "x"}. It never holds a
 * credential and quotes at most a short piece of any value.
 */
public final class InvalidInputException extends RuntimeException {

    private final List<String> problems;
    private final String requestId;

    public InvalidInputException(List<String> problems, String requestId) {
        super("invalid job input: " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
        this.requestId = requestId;
    }

    /** Each problem, field first, in the order the message lists them. */
    public List<String> problems() {
        return problems;
    }

    /**
     * The request id for the failure output: the input's {@code request_id} when it was valid,
     * the job id when none was given, null when the given one was refused.
     */
    public String requestId() {
        return requestId;
    }
}
