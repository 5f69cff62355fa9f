package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.download.AudioConverter;
import com.ytwhisper.worker.download.AudioTask;
import com.ytwhisper.worker.download.DownloadException;
import com.ytwhisper.worker.download.DownloadLimits;
import com.ytwhisper.worker.download.DownloadedAudio;
import com.ytwhisper.worker.download.YtDlpDownloader;
import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.storage.StorageResolver;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Turns a job's URL into 16 kHz mono audio in the job folder: page and media URLs through yt-dlp
 * (behind the egress guard), {@code s3://} objects through the S3 client and ffmpeg.
 */
final class AudioSource {

    private final YtDlpDownloader downloader;
    private final AudioConverter converter;
    private final StorageResolver storage;
    private final DownloadLimits limits;

    AudioSource(YtDlpDownloader downloader, AudioConverter converter, StorageResolver storage, DownloadLimits limits) {
        this.downloader = downloader;
        this.converter = converter;
        this.storage = storage;
        this.limits = limits;
    }

    /** @param infoJson yt-dlp's info JSON from the cache's probe of this URL, or null */
    DownloadedAudio fetch(JobInput in, StorageRequest target, Path jobDir, ProgressSink progress, Cancellation cancel,
                          Path infoJson) {
        return fetch(in.source().field(), in.source().url(), target, jobDir, progress, cancel, infoJson);
    }

    /**
     * @param field    the input field that named {@code url}, for error messages
     * @param infoJson yt-dlp's info JSON from the cache's probe of this URL, or null
     */
    DownloadedAudio fetch(String field, String url, StorageRequest target, Path jobDir, ProgressSink progress,
                          Cancellation cancel, Path infoJson) {
        progress.report(ProgressSink.Stage.DOWNLOADING, 0);
        if (url.startsWith("file:")) {
            // test-input and local-API modes only (the parser refuses it on the platform): no network
            Path media = Path.of(URI.create(url));
            if (!Files.isRegularFile(media) || !Files.isReadable(media)) {
                throw new DownloadException(field + ": no readable file at " + media + "; give the path of a video or "
                        + "audio file on the worker's machine");
            }
            return run(converter.start(media, jobDir), cancel);
        }
        if (url.startsWith("s3://")) {
            URI s3 = URI.create(url);
            String bucket = s3.getHost();
            String key = s3.getPath().substring(1);
            Path media = jobDir.resolve("input.media");
            storage.forAudio(target, bucket).download(bucket, key, media, limits.maxBytes());
            cancel.throwIfCancelled();
            return run(converter.start(media, jobDir), cancel);
        }
        return run(downloader.start(field, url, jobDir,
                percent -> progress.report(ProgressSink.Stage.DOWNLOADING, percent), infoJson), cancel);
    }

    /** A media file already in the job folder (e.g. decoded from the input), converted for the engine. */
    DownloadedAudio fromFile(Path media, Path jobDir, Cancellation cancel) {
        return run(converter.start(media, jobDir), cancel);
    }

    private static DownloadedAudio run(AudioTask task, Cancellation cancel) {
        cancel.onCancel(task::cancel);
        DownloadedAudio audio = task.await();
        cancel.throwIfCancelled();
        return audio;
    }
}
