package com.ytwhisper.worker.transcript;

/**
 * What the engine's quality guards did to one transcription.
 *
 * @param dropped   segments left out as silence or as a hallucination surrounded by silence
 * @param redecoded segments decoded again (temperature fallback) because they looked like a
 *                  repetition loop or improbable text
 */
public record GuardCounts(int dropped, int redecoded) {

    /** Nothing dropped or decoded again (and what engines without guards report). */
    public static final GuardCounts NONE = new GuardCounts(0, 0);
}
