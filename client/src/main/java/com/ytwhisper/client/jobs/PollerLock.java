package com.ytwhisper.client.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;

/**
 * {@code $YT_JOBS_HOME/poller.lock}: the poller holds an OS file lock on it for as long as it runs
 * (the OS drops the lock when the process dies, so no stale lock survives a crash) and writes its
 * pid into it for {@code check_yt_job} and {@code ytw list}.
 */
public final class PollerLock implements AutoCloseable {

    private final FileChannel channel;
    private final FileLock lock;

    private PollerLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    public static Path file(JobStore store) {
        return store.home().resolve("poller.lock");
    }

    /** The lock, or empty when another poller holds it. */
    public static Optional<PollerLock> tryAcquire(Path file) {
        FileChannel channel = null;
        try {
            Files.createDirectories(file.getParent());
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
                return Optional.empty();
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)));
            channel.force(false);
            return Optional.of(new PollerLock(channel, lock));
        } catch (OverlappingFileLockException heldHere) {
            closeQuietly(channel);
            return Optional.empty();
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot open the poller lock " + file, e);
        }
    }

    /**
     * Like {@link #tryAcquire} but tries a few times: {@link #isHeld} takes the lock for an instant,
     * and a poller starting in that instant must not conclude that another poller runs.
     */
    public static Optional<PollerLock> acquire(Path file) throws InterruptedException {
        for (int attempt = 0; attempt < 5; attempt++) {
            Optional<PollerLock> lock = tryAcquire(file);
            if (lock.isPresent()) {
                return lock;
            }
            Thread.sleep(100);
        }
        return Optional.empty();
    }

    /** The pid of the running poller: the holder named in the file, if that process is alive. */
    public static Optional<Long> runningPid(Path file) {
        return holderPid(file).filter(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
    }

    /**
     * True when a poller holds the lock. Checking takes the lock for an instant (see {@link #acquire}).
     */
    public static boolean isHeld(Path file) {
        Optional<PollerLock> probe = tryAcquire(file);
        probe.ifPresent(PollerLock::close);
        return probe.isEmpty();
    }

    /** The pid written by the holder, when the file names one. */
    public static Optional<Long> holderPid(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).trim();
            return text.isEmpty() ? Optional.empty() : Optional.of(Long.parseLong(text));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        try {
            if (lock.isValid()) {
                channel.truncate(0);
                lock.release();
            }
        } catch (IOException e) {
            // the lock goes with the channel below
        } finally {
            closeQuietly(channel);
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // nothing left to release
            }
        }
    }
}
