package com.ytwhisper.worker.sidecar;

/** {@link Transcriber#transcribe} stopped because {@link Transcriber#cancel} was called for its job. */
public class TranscriptionCancelledException extends RuntimeException {

    private final String jobId;

    public TranscriptionCancelledException(String jobId, String message) {
        super(message);
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
