package com.ytwhisper.worker.download;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Tells a full disk from other tool failures and says so with the place and about how much the
 * job needs. yt-dlp reports a failed conversion only as ffmpeg's last line ("Conversion failed!"),
 * so the free space left in the job folder's file system counts as evidence too.
 */
final class DiskSpace {

    /** 16 kHz mono 16-bit WAV. */
    static final long WAV_BYTES_PER_SECOND = 32_000;
    /** Less than this left after a failure means the disk filled up (a tool needs at least a buffer). */
    static final long NEARLY_FULL_BYTES = 256 * 1024;
    private static final List<String> MARKS = List.of("no space left on device", "errno 28", "enospc",
            "disk quota exceeded", "errno 122", "file too large");

    private DiskSpace() {
    }

    /** Whether a tool that wrote into {@code jobDir} and printed {@code lines} failed for lack of space. */
    static boolean ranOut(Path jobDir, List<String> lines) {
        boolean said = lines.stream().map(l -> l.toLowerCase(Locale.ROOT)).anyMatch(l -> MARKS.stream().anyMatch(l::contains));
        return said || usable(jobDir) < NEARLY_FULL_BYTES;
    }

    /** Whether the free space in {@code jobDir} cannot hold the WAV of {@code durationS} seconds. */
    static boolean tooLittleForWav(Path jobDir, OptionalDouble durationS) {
        return durationS.isPresent() && usable(jobDir) < durationS.getAsDouble() * WAV_BYTES_PER_SECOND + NEARLY_FULL_BYTES;
    }

    /**
     * The error for a job that ran out of space in its folder under {@code WORKER_WORK_DIR}.
     *
     * @param mediaBytes the media's size as far as known (0 when unknown)
     * @param durationS  the audio's length when known
     */
    static DownloadException exhausted(Path jobDir, long mediaBytes, OptionalDouble durationS) {
        Path workDir = jobDir.toAbsolutePath().getParent() == null ? jobDir : jobDir.toAbsolutePath().getParent();
        long media = mediaBytes;
        String need;
        if (durationS.isPresent()) {
            long wav = (long) Math.ceil(durationS.getAsDouble() * WAV_BYTES_PER_SECOND);
            need = "about " + megabytes(media + wav) + " (the media, " + megabytes(media) + ", plus "
                    + megabytes(wav) + " of 16 kHz WAV for " + Math.round(durationS.getAsDouble()) + " s of audio)";
        } else {
            need = "about " + megabytes(media) + " for the media plus 32 kB per second of audio for the 16 kHz WAV"
                    + " (115 MB per hour)";
        }
        return new DownloadException("not enough disk space in the work folder " + workDir + " (WORKER_WORK_DIR): "
                + megabytes(usable(workDir)) + " free after the failure, and this job needs " + need
                + "; free space there or point WORKER_WORK_DIR at a larger disk");
    }

    static long usable(Path dir) {
        try {
            Path existing = dir;
            while (existing != null && !Files.exists(existing)) {
                existing = existing.getParent();
            }
            return existing == null ? Long.MAX_VALUE : Files.getFileStore(existing).getUsableSpace();
        } catch (IOException | SecurityException e) {
            return Long.MAX_VALUE;
        }
    }

    static String megabytes(long bytes) {
        if (bytes < 1_000_000) {
            return String.format(Locale.ROOT, "%.2f MB", bytes / 1e6);
        }
        return String.format(Locale.ROOT, bytes < 100_000_000 ? "%.1f MB" : "%.0f MB", bytes / 1e6);
    }
}
