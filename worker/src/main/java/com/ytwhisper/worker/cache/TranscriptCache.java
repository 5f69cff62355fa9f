package com.ytwhisper.worker.cache;

import com.ytwhisper.worker.download.YtDlpDownloader;
import com.ytwhisper.worker.egress.EgressGuard;
import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.sidecar.TranscribeOptions;
import com.ytwhisper.worker.storage.Storage;
import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.storage.StorageResolver;
import com.ytwhisper.worker.transcript.Transcript;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Keeps finished transcripts so the same media with the same options is never transcribed twice.
 * Entries are the transcript's JSON form, stored with the job's own storage (its bucket and keys,
 * or WORKER_OUTPUT_DIR) at {@code <key prefix>.ytw-cache/<sha256>.json}, so one tenant's job never
 * reads another's. An unreadable or damaged entry is a miss with a warning, never a failed job;
 * concurrent writers each write a whole entry (an S3 PUT or a local rename is atomic), so the last
 * one wins and the entry stays valid.
 */
public final class TranscriptCache {

    private static final Logger LOG = Logger.getLogger(TranscriptCache.class);
    /** Far above any real entry (a 4-hour transcript with word timings is a few MB). */
    static final long MAX_ENTRY_BYTES = 64L << 20;

    private final boolean enabled;
    private final MediaProbe probe;

    /**
     * @param setting {@code WORKER_CACHE}: {@code on} or {@code off}
     * @throws IllegalArgumentException naming WORKER_CACHE for any other value
     */
    public TranscriptCache(String setting, YtDlpDownloader downloader, UrlPolicy policy,
                           EgressGuard.Settings guardSettings, StorageResolver storage) {
        this.enabled = parse(setting);
        this.probe = new MediaProbe(downloader, new HttpValidators(policy, guardSettings), storage);
    }

    static boolean parse(String setting) {
        String value = setting == null ? "" : setting.strip();
        if (value.equalsIgnoreCase("on") || value.equalsIgnoreCase("true")) {
            return true;
        }
        if (value.equalsIgnoreCase("off") || value.equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException("WORKER_CACHE must be \"on\" or \"off\", got \"" + value + "\"");
    }

    /** What a job asks of the cache. */
    public record Request(String field, String url, boolean readEntry, StorageRequest target, EngineInfo engine,
                          TranscribeOptions options) {
    }

    /**
     * Probes the media's identity (nothing is downloaded) and reads the entry for it and the job's
     * options. Off when WORKER_CACHE is off (no probe at all) or the media cannot be identified.
     *
     * @param request  {@code readEntry} false (the job's {@code cache: false}) skips the read: a miss
     *                 whose transcript refreshes the entry
     * @param results  the job's own storage, where its entries live
     * @param onCancel registers a hook that ends the probe when the job is cancelled
     * @throws com.ytwhisper.worker.download.DownloadException when yt-dlp's probe fails (the download
     *         would fail the same way); {@link com.ytwhisper.worker.egress.UrlRefusedException} when the
     *         URL is refused
     */
    public CacheLookup lookUp(Request request, Storage results, Path jobDir, Consumer<Runnable> onCancel)
            throws InterruptedException {
        if (!enabled) {
            return CacheLookup.disabled();
        }
        long probing = System.nanoTime();
        MediaProbe.Probed probed = probe.probe(request.field(), request.url(), request.target(), jobDir, onCancel);
        double probeS = (System.nanoTime() - probing) / 1e9;
        if (probed.identity() == null) {
            return CacheLookup.off(probed.infoJson(), probeS);
        }
        CacheKey key = CacheKey.of(probed.identity(), request.engine(), request.options());
        CacheLookup lookup = new CacheLookup(results, key, probed.infoJson(), probeS);
        if (request.readEntry()) {
            long reading = System.nanoTime();
            Optional<Transcript> cached = read(results, key);
            lookup.found(cached.orElse(null), (System.nanoTime() - reading) / 1e9);
        }
        return lookup;
    }

    private static Optional<Transcript> read(Storage results, CacheKey key) {
        Optional<byte[]> bytes;
        try {
            bytes = results.read(key.entryName(), MAX_ENTRY_BYTES);
        } catch (RuntimeException e) { // StorageException and anything unexpected: the cache never fails a job
            LOG.warnf("cache entry %s could not be read (%s); transcribing afresh", key.entryName(), e.getMessage());
            return Optional.empty();
        }
        if (bytes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(TranscriptReader.read(bytes.get()));
        } catch (IllegalArgumentException e) {
            LOG.warnf("cache entry %s is damaged (%s); transcribing afresh and replacing it", key.entryName(),
                    e.getMessage());
            return Optional.empty();
        }
    }

    /** Writes the entry; a failure is only a warning (the job's own files are what matters). */
    static void write(Storage results, CacheKey key, Transcript transcript) {
        try {
            results.put(key.entryName(), EntryJson.bytes(transcript), "application/json");
        } catch (RuntimeException e) { // StorageException and anything unexpected: the cache never fails a job
            LOG.warnf("cache entry %s could not be written (%s); the next job with this media transcribes again",
                    key.entryName(), e.getMessage());
        }
    }
}
