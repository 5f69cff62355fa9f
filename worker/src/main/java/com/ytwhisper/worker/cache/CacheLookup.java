package com.ytwhisper.worker.cache;

import com.ytwhisper.worker.storage.Storage;
import com.ytwhisper.worker.transcript.Transcript;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One job's use of the cache: whether it hit, the transcript if so, the probe's info JSON for the
 * download on a miss, and the seconds spent; {@link #store} writes the fresh transcript on a miss.
 */
public final class CacheLookup {

    private final Storage results;
    private final CacheKey key;
    private final Path infoJson;
    private final double probeS;
    private Transcript cached;
    private double entryS;

    CacheLookup(Storage results, CacheKey key, Path infoJson, double probeS) {
        this.results = results;
        this.key = key;
        this.infoJson = infoJson;
        this.probeS = probeS;
    }

    static CacheLookup off(Path infoJson, double probeS) {
        return new CacheLookup(null, null, infoJson, probeS);
    }

    /** WORKER_CACHE=off: nothing was probed, read or written. */
    static CacheLookup disabled() {
        return new CacheLookup(null, null, null, Double.NaN);
    }

    /** Whether the cache took part in the job at all (false only with WORKER_CACHE=off). */
    public boolean enabled() {
        return !Double.isNaN(probeS);
    }

    void found(Transcript transcript, double seconds) {
        this.cached = transcript;
        this.entryS += seconds;
    }

    public CacheStatus status() {
        if (key == null) {
            return CacheStatus.OFF;
        }
        return cached != null ? CacheStatus.HIT : CacheStatus.MISS;
    }

    /** The cached transcript on a hit. */
    public Optional<Transcript> transcript() {
        return Optional.ofNullable(cached);
    }

    /** yt-dlp's info JSON from the probe, for {@code --load-info-json}; null when there is none. */
    public Path infoJson() {
        return infoJson;
    }

    /** Seconds the identity probe took (yt-dlp -J, the validator request or the S3 HEAD). */
    public double probeS() {
        return probeS;
    }

    /** Seconds spent reading and writing the entry. */
    public double entryS() {
        return entryS;
    }

    /** On a miss, keeps {@code transcript} for the next job with this media and options. */
    public void store(Transcript transcript) {
        if (status() != CacheStatus.MISS) {
            return;
        }
        long writing = System.nanoTime();
        TranscriptCache.write(results, key, transcript);
        entryS += (System.nanoTime() - writing) / 1e9;
    }
}
