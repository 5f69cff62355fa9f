package com.ytwhisper.client.jobs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import com.ytwhisper.client.jobs.S3Results.Location;

/**
 * Downloads a video's audio here, uploads it to {@code s3://bucket/prefix + uploads/<job id>/} and
 * hands the worker a presigned GET URL valid for the job's lifetime. The URL grants access, so it
 * is treated as a secret: it goes into the job input only.
 */
public class LocalAudio implements Submission.AudioSource {

    private final LocalDownload download;
    private final S3Results s3;
    private final String bucket;
    private final String prefix;
    private final Duration validity;
    private final Secrets secrets;

    public LocalAudio(LocalDownload download, S3Results s3, String bucket, String prefix, Duration validity,
            Secrets secrets) {
        this.download = download;
        this.s3 = s3;
        this.bucket = bucket;
        this.prefix = prefix == null ? "" : prefix;
        this.validity = validity;
        this.secrets = secrets;
    }

    @Override
    public String stage(String jobId, String url) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("ytw-audio-");
            Path audio = download.fetch(url, dir);
            Location location = new Location(bucket, prefix + "uploads/" + jobId + "/" + audio.getFileName());
            s3.upload(audio, location);
            String presigned = s3.presignGet(location, validity);
            secrets.add(presigned);
            return presigned;
        } catch (IOException e) {
            throw new UncheckedIOException("local download: cannot create a temporary folder", e);
        } finally {
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temp folder is harmless
        }
    }
}
