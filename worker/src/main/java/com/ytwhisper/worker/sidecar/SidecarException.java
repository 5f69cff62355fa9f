package com.ytwhisper.worker.sidecar;

/** A job or the sidecar failed; the message says what happened and what happens next. */
public class SidecarException extends RuntimeException {

    /** The sidecar exited, was killed after a timeout, or could not start. */
    public static final String SIDECAR_FAILED = "sidecar_failed";

    private final String errorType;

    /**
     * @param errorType the sidecar's {@code error_type} (e.g. {@code unsupported}, {@code bad_audio},
     *                  {@code engine_load_failed}) or {@link #SIDECAR_FAILED}
     */
    public SidecarException(String errorType, String message) {
        super(message);
        this.errorType = errorType;
    }

    public SidecarException(String errorType, String message, Throwable cause) {
        super(message, cause);
        this.errorType = errorType;
    }

    public String errorType() {
        return errorType;
    }
}
