package com.ytwhisper.client.cli;

/** Ends a command with {@code code} after printing {@code message} to stderr. */
public class ExitException extends RuntimeException {

    private final int code;

    public ExitException(int code, String message) {
        super(message);
        this.code = code;
    }

    public int code() {
        return code;
    }
}
