package com.ytwhisper.bench;

import com.ytwhisper.testkit.media.MediaServer;

/** The job inputs the items queue. */
final class Jobs {

    /**
     * Inputs the worker rejects before any download or engine work (docs/prototype-contract.md,
     * Job input).
     */
    static final String[] INVALID = {"{}", "{\"youtube_url\": 5}"};

    private Jobs() {
    }

    /** The spoken test video from {@code media}; {@code query} e.g. {@code ?rate=20000} throttles it. */
    static String realInput(MediaServer media, String requestId, String query) {
        return "{\"youtube_url\":\"" + media.url("/speech.mp4" + query) + "\",\"request_id\":\"" + requestId + "\"}";
    }
}
