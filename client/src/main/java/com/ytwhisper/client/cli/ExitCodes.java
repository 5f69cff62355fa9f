package com.ytwhisper.client.cli;

/**
 * Exit codes of every {@code ytw} command (and the prototype scripts), defined in one place and
 * listed in docs/prototype-contract.md, Exit codes.
 */
public final class ExitCodes {

    /** Success. */
    public static final int OK = 0;
    /** A job failed (or a command found it failed). */
    public static final int JOB_ERROR = 1;
    /** Wrong usage or configuration: the message says what to change. */
    public static final int USAGE = 2;
    /** {@code wait} gave up before the jobs finished. */
    public static final int WAIT_TIMED_OUT = 3;
    /** The endpoint API could not be reached or did not answer. */
    public static final int API_UNREACHABLE = 4;

    /** Shown in every help text. */
    static final String FOOTER = "%nExit codes: 0 ok, 1 job error, 2 usage or configuration, 3 timed out waiting, "
            + "4 endpoint API unreachable.";

    private ExitCodes() {
    }
}
