package com.ytwhisper.client.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The {@code $YT_JOBS_HOME} layout (docs/prototype-contract.md, Local job layout):
 * {@code status/<id>.json} (one JSON line, replaced atomically: temp file, fsync, rename),
 * {@code work/<id>/} (the raw log) and {@code config/}. Every text written passes through
 * {@link Secrets#redact}.
 */
public class JobStore {

    static final ObjectMapper JSON = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private final Path home;
    private final Secrets secrets;

    public JobStore(Path home, Secrets secrets) {
        this.home = home.toAbsolutePath().normalize();
        this.secrets = secrets;
    }

    public Path home() {
        return home;
    }

    public Path configDir() {
        return home.resolve("config");
    }

    public Path statusFile(String jobId) {
        return home.resolve("status").resolve(checked(jobId) + ".json");
    }

    public Path workDir(String jobId) {
        return home.resolve("work").resolve(checked(jobId));
    }

    public Path rawLog(String jobId) {
        return workDir(jobId).resolve("status_raw.log");
    }

    /** Draws ids until one is free and claims it by creating its work folder exclusively. */
    public String reserve(JobId ids, Instant now) {
        try {
            Files.createDirectories(home.resolve("work"));
            for (int attempt = 0; attempt < 1000; attempt++) {
                String id = ids.next(now);
                try {
                    Files.createDirectory(workDir(id));
                    return id;
                } catch (FileAlreadyExistsException taken) {
                    // another job of the same second drew the same number: draw again
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create a job folder under " + home.resolve("work"), e);
        }
        throw new IllegalStateException("No free job id after 1000 draws under " + home.resolve("work"));
    }

    /** Replaces the status file in one rename, so a reader sees the old or the new file, never a mix. */
    public void write(JobStatus status) {
        Path target = statusFile(status.jobId());
        byte[] line = (secrets.redact(toJson(status)) + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            Files.createDirectories(target.getParent());
            Path temp = Files.createTempFile(target.getParent(), "." + status.jobId() + ".", ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(line));
                    channel.force(true);
                }
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }

    /**
     * Writes {@code next} unless someone else changed the file since {@code seen} was read
     * (a cancel or retry from another process wins over a poll answer that crossed it).
     */
    public boolean replace(JobStatus seen, JobStatus next) {
        Optional<JobStatus> current = read(seen.jobId());
        if (current.isPresent() && !java.util.Objects.equals(current.get().updatedAt(), seen.updatedAt())) {
            return false;
        }
        write(next);
        return true;
    }

    public Optional<JobStatus> read(String jobId) {
        if (!JobId.isSafe(jobId)) {
            return Optional.empty();
        }
        Path file = statusFile(jobId);
        try {
            return Optional.of(JSON.readValue(Files.readString(file), JobStatus.class));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file + " (" + e.getMessage() + ")", e);
        }
    }

    /** The status file's text as stored, for printing it unchanged. */
    /** The job, which must have reached the endpoint (it has a Runpod job id). */
    public JobStatus submitted(String jobId) {
        JobStatus job = read(jobId).orElseThrow(() -> new JobNotUsable("unknown job " + jobId, true));
        if (job.runpodJobId() == null) {
            throw new JobNotUsable("job " + jobId + " has no Runpod job id (status " + job.status().json()
                    + (job.error() != null ? ": " + job.error() : "") + ")", false);
        }
        return job;
    }

    public Optional<String> readRaw(String jobId) {
        if (!JobId.isSafe(jobId)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Files.readString(statusFile(jobId)).strip());
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + statusFile(jobId), e);
        }
    }

    /** Every job, oldest first (ids start with their submit time). */
    public List<JobStatus> list() {
        Path dir = home.resolve("status");
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<String> ids = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.map(p -> p.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.startsWith("."))
                    .map(name -> name.substring(0, name.length() - ".json".length()))
                    .filter(JobId::isSafe)
                    .sorted()
                    .forEach(ids::add);
        } catch (NoSuchFileException gone) {
            return List.of();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot list " + dir, e);
        }
        List<JobStatus> jobs = new ArrayList<>();
        for (String id : ids) {
            read(id).ifPresent(jobs::add);
        }
        return jobs;
    }

    /** Jobs still starting or running: the poller's work list. */
    public List<JobStatus> active() {
        return list().stream().filter(j -> j.status() != null && j.status().isActive()).toList();
    }

    static String toJson(JobStatus status) {
        try {
            return JSON.writeValueAsString(status);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write job status as JSON", e);
        }
    }

    private static String checked(String jobId) {
        if (!JobId.isSafe(jobId)) {
            throw new IllegalArgumentException("Not a job id: '" + jobId + "'");
        }
        return jobId;
    }
}
