package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.storage.StorageException;
import java.util.List;

/**
 * A job's input broke one or more rules. The message lists every problem, each starting with
 * the field it concerns, e.g. {@code invalid job input: youtube_url: required (or give
 * audio_url); beam_size: must be a whole number from 1 to 10, got "x"} (or, from
 * {@link #refusedStorage}, is the storage package's sentence). It never holds a credential and
 * quotes at most a short piece of any value.
 */
public final class InvalidInputException extends RuntimeException {

    private final List<String> problems;
    private final String requestId;

    public InvalidInputException(List<String> problems, String requestId) {
        this("invalid job input: " + String.join("; ", problems), problems, requestId);
    }

    private InvalidInputException(String message, List<String> problems, String requestId) {
        super(message);
        this.problems = List.copyOf(problems);
        this.requestId = requestId;
    }

    /**
     * A storage field that passed the input's checks but that the storage package refuses; the
     * message is the storage package's sentence as it is (it names the field), as when the
     * pipeline met the refusal itself.
     */
    static InvalidInputException refusedStorage(StorageException refusal, String requestId) {
        return new InvalidInputException(refusal.getMessage(), List.of(refusal.getMessage()), requestId);
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
