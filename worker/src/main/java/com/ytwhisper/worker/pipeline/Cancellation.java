package com.ytwhisper.worker.pipeline;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Tells a running job that nobody wants its result any more (a stop signal, a cancel through the
 * local API, an execution timeout or the shutdown deadline). Work checks {@link #isCancelled()}
 * between steps and registers {@link #onCancel} hooks to end subprocesses at once.
 */
public final class Cancellation {

    private final List<Runnable> hooks = new CopyOnWriteArrayList<>();
    private volatile String reason;

    /** A token that is never cancelled by anyone but its holder. */
    public static Cancellation none() {
        return new Cancellation();
    }

    public boolean isCancelled() {
        return reason != null;
    }

    /** Why the job was cancelled, or null while it is not. */
    public String reason() {
        return reason;
    }

    /** Runs {@code hook} when the job is cancelled, or at once if it already is. */
    public void onCancel(Runnable hook) {
        hooks.add(hook);
        if (isCancelled() && hooks.remove(hook)) {
            hook.run();
        }
    }

    /** Cancels the job; the first reason wins and each hook runs once. */
    public void cancel(String why) {
        synchronized (this) {
            if (reason != null) {
                return;
            }
            reason = why;
        }
        for (Runnable hook : hooks) {
            if (hooks.remove(hook)) {
                hook.run();
            }
        }
    }

    /** Throws {@link CancelledException} when the job is cancelled. */
    public void throwIfCancelled() {
        String why = reason;
        if (why != null) {
            throw new CancelledException(why);
        }
    }

    /** Thrown by work that stops because its job was cancelled. */
    public static final class CancelledException extends RuntimeException {
        public CancelledException(String reason) {
            super(reason);
        }
    }
}
