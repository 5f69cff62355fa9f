package com.ytwhisper.worker.egress;

/** A job's URL that {@link UrlPolicy} refuses; the message names the field and the fix. */
public final class UrlRefusedException extends IllegalArgumentException {

    private final String field;

    UrlRefusedException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The job input field that held the URL, e.g. {@code youtube_url}. */
    public String field() {
        return field;
    }
}
