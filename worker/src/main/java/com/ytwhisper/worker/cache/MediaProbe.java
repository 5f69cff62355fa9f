package com.ytwhisper.worker.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.worker.shared.Json;
import com.ytwhisper.worker.download.MetadataProbe;
import com.ytwhisper.worker.download.YtDlpDownloader;
import com.ytwhisper.worker.storage.StorageException;
import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.storage.StorageResolver;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Finds out which media a job names without downloading it: {@code yt-dlp -J} for a
 * {@code youtube_url} (extractor and video id), the server's validators for an {@code audio_url}
 * (see {@link HttpValidators}), the object's ETag for {@code s3://}, and for a local
 * {@code file://} (test-input and local-API modes) its real path, size and modification time.
 */
final class MediaProbe {

    private static final Logger LOG = Logger.getLogger(MediaProbe.class);
    /**
     * yt-dlp's extractors for pages no site extractor knows (a direct file, a page with a video
     * tag): their ids are only file names, so the page URL must be part of the identity.
     */
    private static final Set<String> URL_NAMED = Set.of("Generic", "HTML5MediaEmbed");

    /**
     * @param identity the media's identity, or null when it cannot be told (then nothing is cached)
     * @param infoJson yt-dlp's info JSON for the download ({@code --load-info-json}), or null
     */
    record Probed(MediaIdentity identity, Path infoJson) {
    }

    private final YtDlpDownloader downloader;
    private final HttpValidators validators;
    private final StorageResolver storage;

    MediaProbe(YtDlpDownloader downloader, HttpValidators validators, StorageResolver storage) {
        this.downloader = downloader;
        this.validators = validators;
        this.storage = storage;
    }

    /**
     * @param field    {@code youtube_url} or {@code audio_url}
     * @param onCancel registers a hook that ends the probe when the job is cancelled
     * @throws com.ytwhisper.worker.download.DownloadException with yt-dlp's explained error when
     *         {@code -J} fails (the download would fail the same way)
     */
    Probed probe(String field, String url, StorageRequest target, Path jobDir, Consumer<Runnable> onCancel)
            throws InterruptedException {
        if (url.startsWith("s3://")) {
            return new Probed(s3Identity(url, target), null);
        }
        if (url.startsWith("file:")) {
            return new Probed(fileIdentity(url), null);
        }
        if (field.equals("audio_url")) {
            return new Probed(validators.identify(field, url).orElse(null), null);
        }
        MetadataProbe probe = downloader.probe(field, url, jobDir);
        onCancel.accept(probe::cancel);
        return fromInfo(probe.await(), url);
    }

    /** Like an HTTP server's validators: the file's real path, size and modification time. */
    static MediaIdentity fileIdentity(String url) {
        try {
            Path file = Path.of(URI.create(url)).toRealPath();
            return new MediaIdentity("file " + file + "\nsize " + Files.size(file)
                    + "\nmodified " + Files.getLastModifiedTime(file).toMillis());
        } catch (IOException | RuntimeException e) {
            return null; // the download step names the missing or unreadable file
        }
    }

    private MediaIdentity s3Identity(String url, StorageRequest target) {
        URI s3 = URI.create(url);
        String bucket = s3.getHost();
        String key = s3.getPath().substring(1);
        try {
            String etag = storage.forAudio(target, bucket).etag(bucket, key);
            return etag == null || etag.isBlank() ? null : new MediaIdentity("s3 " + bucket + "/" + key + "\netag " + etag);
        } catch (StorageException e) {
            LOG.infof("audio_url could not be identified for the cache (%s); not cached", e.getMessage());
            return null;
        }
    }

    /**
     * The identity in {@code yt-dlp -J}'s output: extractor key and id for a single video (and,
     * for the generic extractors, the page URL too, as their ids are only file names). A playlist or
     * an unreadable file is not cached and its info is not reused.
     */
    static Probed fromInfo(Path infoJson, String url) {
        JsonNode info;
        try {
            info = Json.MAPPER.readTree(Files.readAllBytes(infoJson));
        } catch (IOException | RuntimeException e) {
            LOG.infof("yt-dlp -J gave no readable info (%s); not cached", e.getClass().getSimpleName());
            return new Probed(null, null);
        }
        String type = info.path("_type").asText("video");
        String extractor = info.path("extractor_key").asText("");
        String id = info.path("id").asText("");
        if (!type.equals("video") || extractor.isBlank() || id.isBlank()) {
            LOG.infof("yt-dlp -J did not name one video (type %s); not cached", type);
            return new Probed(null, null);
        }
        String identity = extractor + " " + id;
        if (URL_NAMED.contains(extractor)) {
            identity += "\n" + info.path("webpage_url").asText(url);
        }
        return new Probed(new MediaIdentity(identity), infoJson);
    }
}
