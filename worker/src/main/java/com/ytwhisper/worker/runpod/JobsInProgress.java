package com.ytwhisper.worker.runpod;

import com.ytwhisper.worker.pipeline.Cancellation;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The jobs this worker holds, from take until their result is posted. Kept in memory only: the
 * SDK once kept this list in the working directory and workers sharing a network volume broke
 * (docs/runpod-protocol.md §1.12).
 */
final class JobsInProgress {

    /**
     * One held job: its cancellation token, whether its final answer has been claimed, and the
     * request id its failure output names.
     */
    record Held(String id, String requestId, Cancellation cancellation, AtomicBoolean answered) {
    }

    private final Map<String, Held> jobs = new ConcurrentHashMap<>();

    Held add(String id, String requestId) {
        Held held = new Held(id, requestId, new Cancellation(), new AtomicBoolean());
        jobs.put(id, held);
        return held;
    }

    void remove(String id) {
        jobs.remove(id);
        synchronized (this) {
            notifyAll();
        }
    }

    int size() {
        return jobs.size();
    }

    List<String> ids() {
        return List.copyOf(jobs.keySet());
    }

    Collection<Held> all() {
        return List.copyOf(jobs.values());
    }

    /** Cancels a held job; false when this worker does not hold it. */
    boolean cancel(String id, String reason) {
        Held held = jobs.get(id);
        if (held == null) {
            return false;
        }
        held.cancellation().cancel(reason);
        return true;
    }

    /** Waits up to {@code millis} for the number of held jobs to drop below {@code limit}. */
    synchronized void awaitFewerThan(int limit, long millis) throws InterruptedException {
        long deadline = System.currentTimeMillis() + millis;
        while (jobs.size() >= limit) {
            long left = deadline - System.currentTimeMillis();
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
