package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Results the platform did not take within their delivery budget. Each waits as a file in the
 * state folder and is retried in the background with growing pauses until the platform accepts
 * it; a worker started on the same folder delivers what an earlier one left. The SDK drops such
 * a result after three tries; here nothing is dropped silently.
 */
final class Outbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final String SUFFIX = ".result.json";

    private final Path dir;
    private final ResultSender sender;
    private final LoopSettings settings;
    private final ObjectMapper json;
    private final Thread thread;
    private volatile boolean closed;

    Outbox(ResultSender sender, LoopSettings settings, ObjectMapper json) {
        this.dir = settings.stateDir().resolve("outbox");
        this.sender = sender;
        this.settings = settings;
        this.json = json;
        this.thread = new Thread(this::loop, "runpod-outbox");
        this.thread.setDaemon(true);
    }

    /** Starts retrying, beginning with whatever an earlier process left. */
    void start() {
        int left = pending().size();
        if (left > 0) {
            LOG.infof("%d undelivered result(s) from an earlier run found in %s; delivering them", left, dir);
        }
        thread.start();
    }

    /** Keeps a result for later delivery; logs with the job id either way. */
    void store(String jobId, ObjectNode body) {
        ObjectNode entry = json.createObjectNode();
        entry.put("jobId", jobId);
        entry.set("body", body);
        try {
            Files.createDirectories(dir);
            trySetOwnerOnly(dir);
            Path tmp = Files.createTempFile(dir, "pending-", ".tmp");
            Files.writeString(tmp, entry.toString());
            try {
                Files.move(tmp, fileFor(jobId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, fileFor(jobId), StandardCopyOption.REPLACE_EXISTING);
            }
            LOG.warnf("result of job %s kept in the outbox; it is retried in the background", jobId);
            synchronized (this) {
                notifyAll();
            }
        } catch (IOException e) {
            LOG.errorf("result of job %s is lost: the platform did not take it and %s cannot be written (%s)",
                    jobId, dir, e.getMessage());
        }
    }

    List<Path> pending() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    private void loop() {
        Backoff backoff = new Backoff(settings.backoffMin(), settings.outboxRetryMax());
        while (!closed) {
            boolean allDelivered = true;
            for (Path file : pending()) {
                allDelivered &= deliver(file);
            }
            long pause;
            if (allDelivered) {
                backoff.reset();
                pause = settings.outboxRetryMax().toMillis();
            } else {
                pause = backoff.next().toMillis();
            }
            try {
                synchronized (this) {
                    if (!closed) {
                        wait(pause); // store() and close() wake it early
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One try for one waiting result; true when it left the outbox. */
    private boolean deliver(Path file) {
        String jobId = file.getFileName().toString();
        try {
            JsonNode entry = json.readTree(file.toFile());
            jobId = entry.path("jobId").asText();
            ResultSender.Outcome outcome = sender.deliver(jobId, (ObjectNode) entry.get("body"), Duration.ZERO, () -> closed);
            if (outcome == ResultSender.Outcome.GAVE_UP) {
                return false;
            }
            Files.deleteIfExists(file);
            if (outcome != ResultSender.Outcome.REFUSED) {
                LOG.infof("result of job %s delivered from the outbox", jobId);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.errorf("outbox entry %s for job %s is unreadable and stays there for inspection: %s",
                    file, jobId, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private Path fileFor(String jobId) {
        return dir.resolve(jobId.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX);
    }

    private static void trySetOwnerOnly(Path path) {
        try {
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException | UnsupportedOperationException e) {
            // not a POSIX file system: the folder keeps its default permissions
        }
    }

    /**
     * Stops retrying. A delivery already on the wire is allowed to finish (within the request
     * timeout): cutting it off could leave a result the platform accepted in the outbox, to be
     * delivered twice by the next worker.
     */
    @Override
    public void close() {
        closed = true;
        synchronized (this) {
            notifyAll();
        }
        try {
            thread.join(settings.requestTimeout().plusSeconds(1).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        thread.interrupt();
    }
}
