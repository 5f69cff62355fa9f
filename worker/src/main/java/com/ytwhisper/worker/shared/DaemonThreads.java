package com.ytwhisper.worker.shared;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker's background threads are daemons: they never keep the JVM alive after {@code main}
 * (shutdown is decided by the job loop and SIGTERM handling), and they carry a name for the logs.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** A new, not yet started daemon thread. */
    public static Thread create(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        return thread;
    }

    /** A started daemon thread. */
    public static Thread start(String name, Runnable body) {
        Thread thread = create(name, body);
        thread.start();
        return thread;
    }

    /** Daemon threads for an executor, named {@code prefix-1}, {@code prefix-2}, ... */
    public static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return body -> create(prefix + "-" + n.incrementAndGet(), body);
    }
}
