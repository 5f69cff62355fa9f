package com.ytwhisper.worker.transcript;

/**
 * What the engine says about a whole transcription.
 *
 * @param language            detected or requested language code, e.g. {@code en}
 * @param languageProbability confidence of the detection, or null when the language was given
 * @param durationS           audio duration in seconds
 * @param engine              engine name, e.g. {@code faster-whisper} or {@code pocketsphinx}
 * @param model               model name or path
 * @param guards              segments the quality guards dropped and decoded again
 */
public record TranscriptInfo(String language, Double languageProbability, double durationS,
                             String engine, String model, GuardCounts guards) {

    public TranscriptInfo {
        guards = guards == null ? GuardCounts.NONE : guards;
    }

    /** A transcription the guards left untouched. */
    public TranscriptInfo(String language, Double languageProbability, double durationS, String engine, String model) {
        this(language, languageProbability, durationS, engine, model, GuardCounts.NONE);
    }
}
