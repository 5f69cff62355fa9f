package com.ytwhisper.worker.sidecar;

import com.ytwhisper.worker.transcript.Segment;

/** Hears about a job while it runs; called on the transcribing thread, so keep it quick. */
public interface TranscriptionListener {

    TranscriptionListener NONE = new TranscriptionListener() {
    };

    /** A segment, in time order, as soon as the engine decoded it. */
    default void onSegment(Segment segment) {
    }

    /** How many seconds of the {@code durationS} seconds of audio are decoded. */
    default void onProgress(double decodedS, double durationS) {
    }
}
