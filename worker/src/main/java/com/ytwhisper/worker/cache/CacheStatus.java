package com.ytwhisper.worker.cache;

import java.util.Locale;

/** What the cache did for a job, reported as the output's {@code cache} field. */
public enum CacheStatus {
    /** The transcript came from the cache: no media download, no transcription. */
    HIT,
    /** Transcribed afresh (no entry, an unreadable one, or {@code cache: false}); the entry is written. */
    MISS,
    /** The cache was not used: {@code WORKER_CACHE=off}, or the media could not be identified. */
    OFF;

    /** {@code hit}, {@code miss} or {@code off}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
