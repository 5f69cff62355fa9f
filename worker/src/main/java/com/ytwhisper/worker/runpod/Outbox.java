package com.ytwhisper.worker.runpod;

import com.ytwhisper.worker.shared.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * A write-ahead log of final results. Every final body is written here, file and folder fsync'd,
 * before its first job-done attempt, and removed only once the platform has answered it, so a
 * result survives kill -9 and a shutdown that ends while the platform is failing. While a job's
 * own thread is still retrying its result the file is claimed and left alone; once that thread
 * gives up (or after a restart on the same folder) a background thread retries it with growing
 * pauses until the platform takes it. The SDK drops such a result after three tries; here nothing
 * is dropped silently.
 */
final class Outbox implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Outbox.class);
    private static final String SUFFIX = ".result.json";
    /** Where a file that is not a complete entry is moved, kept for inspection and never sent. */
    private static final String UNREADABLE_SUFFIX = ".unreadable";

    private final Path dir;
    private final ResultSender sender;
    private final LoopSettings settings;
    private final ObjectMapper json;
    private final Thread thread;
    /** Job ids whose file a delivery is working on right now (a job thread or the background loop). */
    private final Set<String> claimed = ConcurrentHashMap.newKeySet();
    private volatile Consumer<ObjectNode> onDelivered = body -> { };
    private volatile boolean closed;

    Outbox(ResultSender sender, LoopSettings settings, ObjectMapper json) {
        this.dir = settings.stateDir().resolve("outbox");
        this.sender = sender;
        this.settings = settings;
        this.json = json;
        this.thread = DaemonThreads.create("runpod-outbox", this::loop);
    }

    /** The folder the files live in, for log lines. */
    Path dir() {
        return dir;
    }

    /** Called with each body the background loop delivered (used to honour {@code stopPod}). */
    void onDelivered(Consumer<ObjectNode> listener) {
        this.onDelivered = listener;
    }

    /** Starts retrying, beginning with whatever an earlier process left. */
    void start() {
        setAsideUnfinishedWrites();
        int left = pending().size();
        if (left > 0) {
            LOG.infof("%d undelivered result(s) from an earlier run found in %s; delivering them", left, dir);
        }
        thread.start();
    }

    /**
     * Writes a final body durably before its first delivery attempt and claims it for the
     * caller, whose thread does the first round of tries; false when it could not be written
     * (the caller still delivers from memory).
     */
    boolean write(String jobId, ObjectNode body) {
        claimed.add(jobId);
        ObjectNode entry = json.createObjectNode();
        entry.put("jobId", jobId);
        entry.set("body", body);
        try {
            Files.createDirectories(dir);
            trySetOwnerOnly(dir);
            Path tmp = Files.createTempFile(dir, "pending-", ".tmp");
            try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer bytes = ByteBuffer.wrap(entry.toString().getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    out.write(bytes);
                }
                out.force(true);
            }
            try {
                Files.move(tmp, fileFor(jobId), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, fileFor(jobId), StandardCopyOption.REPLACE_EXISTING);
            }
            syncFolder();
            return true;
        } catch (IOException e) {
            LOG.errorf("the result of job %s cannot be written to %s (%s); it is delivered from memory only "
                    + "and lost if the worker stops before the platform takes it", jobId, dir, e.getMessage());
            return false;
        }
    }

    /** The platform has answered this result: its file goes and the claim ends. */
    void done(String jobId) {
        try {
            Files.deleteIfExists(fileFor(jobId));
            syncFolder();
        } catch (IOException e) {
            LOG.errorf("the delivered result of job %s could not be removed from %s (%s); a worker started on "
                    + "this folder would send it again", jobId, dir, e.getMessage());
        } finally {
            claimed.remove(jobId);
        }
    }

    /**
     * The caller's tries ran out: the background loop takes the result over. Without a file
     * (the write failed) one more write is tried, else the result is lost and the log says so.
     */
    void handOver(String jobId, ObjectNode body, boolean written) {
        if (!written && !write(jobId, body)) {
            claimed.remove(jobId);
            LOG.errorf("result of job %s is lost: the platform did not take it and %s cannot be written", jobId, dir);
            return;
        }
        claimed.remove(jobId);
        LOG.warnf("result of job %s kept in the outbox %s; it is retried in the background", jobId, dir);
        synchronized (this) {
            notifyAll();
        }
    }

    /** Complete entries waiting for delivery, oldest name first. */
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
                if (closed) {
                    break;
                }
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
                        wait(pause); // handOver() and close() wake it early
                    }
                }
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** One try for one waiting result; true when it left the outbox or is not this loop's to send. */
    private boolean deliver(Path file) {
        ObjectNode body;
        String jobId;
        try {
            JsonNode entry = json.readTree(file.toFile());
            jobId = entry == null ? null : entry.path("jobId").textValue();
            body = entry != null && entry.get("body") instanceof ObjectNode b ? b : null;
        } catch (IOException e) {
            jobId = null;
            body = null;
        }
        if (jobId == null || jobId.isEmpty() || body == null) {
            setAside(file);
            return true;
        }
        if (!claimed.add(jobId)) {
            return true; // a job thread is still delivering it
        }
        try {
            if (!Files.exists(file)) {
                return true; // its job thread delivered it between the read and the claim
            }
            ResultSender.Outcome outcome = sender.deliver(jobId, body, Duration.ZERO, () -> closed);
            if (outcome == ResultSender.Outcome.GAVE_UP) {
                return false;
            }
            Files.deleteIfExists(file);
            syncFolder();
            if (outcome != ResultSender.Outcome.REFUSED) {
                LOG.infof("result of job %s delivered from the outbox", jobId);
                onDelivered.accept(body);
            }
            return true;
        } catch (IOException e) {
            LOG.errorf("the delivered result of job %s could not be removed from %s: %s", jobId, dir, e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            claimed.remove(jobId);
        }
    }

    /** A write that a killed process left unfinished never became an entry: set it aside, with a warning. */
    private void setAsideUnfinishedWrites() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().endsWith(".tmp")).forEach(this::setAside);
        } catch (IOException e) {
            LOG.warnf("cannot list %s: %s", dir, e.getMessage());
        }
    }

    /** A file that is not a complete entry (cut short by a crash, or edited) is never sent. */
    private void setAside(Path file) {
        Path aside = file.resolveSibling(file.getFileName() + UNREADABLE_SUFFIX);
        try {
            Files.move(file, aside, StandardCopyOption.REPLACE_EXISTING);
            LOG.warnf("outbox file %s is not a complete result (half-written?); it is not delivered and was moved to %s "
                    + "for inspection", file, aside);
        } catch (IOException e) {
            LOG.warnf("outbox file %s is not a complete result (half-written?); it is not delivered (%s)",
                    file, e.getMessage());
        }
    }

    private Path fileFor(String jobId) {
        return dir.resolve(jobId.replaceAll("[^A-Za-z0-9._-]", "_") + SUFFIX);
    }

    /** Makes a rename or delete in the folder durable; a file system that cannot is left as it is. */
    private void syncFolder() {
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            folder.force(true);
        } catch (IOException | UnsupportedOperationException e) {
            LOG.debugf("cannot fsync %s: %s", dir, e.getMessage());
        }
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
