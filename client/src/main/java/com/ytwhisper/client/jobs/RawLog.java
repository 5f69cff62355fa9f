package com.ytwhisper.client.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/**
 * {@code work/<id>/status_raw.log}: one line per API exchange, {@code <ISO-8601 instant> <call>
 * <HTTP status or ERR> <raw body>}, appended. Bodies are flattened to one line and redacted.
 */
public class RawLog {

    private final JobStore store;
    private final Secrets secrets;

    public RawLog(JobStore store, Secrets secrets) {
        this.store = store;
        this.secrets = secrets;
    }

    public void append(String jobId, Instant at, String call, String outcome, String body) {
        String flat = body == null ? "" : body.replaceAll("\\s*[\\r\\n]+\\s*", " ").strip();
        String line = at + " " + call + " " + outcome + " " + flat;
        Path file = store.rawLog(jobId);
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, secrets.redact(line) + "\n", StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot append to " + file, e);
        }
    }

    /** The last {@code count} lines; empty when the job has no log. */
    public List<String> tail(String jobId, int count) {
        if (!JobId.isSafe(jobId)) {
            return List.of();
        }
        try {
            List<String> lines = Files.readAllLines(store.rawLog(jobId), StandardCharsets.UTF_8);
            return lines.subList(Math.max(0, lines.size() - count), lines.size());
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + store.rawLog(jobId), e);
        }
    }
}
