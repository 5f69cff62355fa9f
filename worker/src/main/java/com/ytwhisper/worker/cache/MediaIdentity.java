package com.ytwhisper.worker.cache;

/**
 * What names one media file independently of how it was asked for, e.g. {@code Youtube dQw4w9WgXcQ}
 * or a URL without its query plus the validators the server gave. Never holds credentials.
 *
 * @param value the identity as text; it goes into the cache key's hash only
 */
public record MediaIdentity(String value) {

    public MediaIdentity {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a media identity must not be blank");
        }
    }
}
