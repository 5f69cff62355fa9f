package com.ytwhisper.worker.egress;

/** A destination {@link UrlPolicy} does not let a job reach; the message reads {@code host:port: reason}. */
public final class DestinationRefusedException extends Exception {

    private final String destination;
    private final String reason;
    private final String hint;

    DestinationRefusedException(String destination, String reason, String hint) {
        super(destination + ": " + reason, null, false, false);
        this.destination = destination;
        this.reason = reason;
        this.hint = hint;
    }

    public String destination() {
        return destination;
    }

    /** Why, e.g. {@code loopback address} or {@code private address 10.0.0.7}. */
    public String reason() {
        return reason;
    }

    /** How an operator could allow it, or null. */
    public String hint() {
        return hint;
    }
}
