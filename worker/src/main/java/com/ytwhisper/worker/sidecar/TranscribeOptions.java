package com.ytwhisper.worker.sidecar;

/**
 * How to transcribe one job, in faster-whisper's own names.
 *
 * @param language       language code such as {@code en} or {@code my}; null to detect it
 * @param task           {@code transcribe}, or {@code translate} (to English)
 * @param wordTimestamps whether to time each word
 * @param vadFilter      whether to skip non-speech with Silero VAD first
 * @param beamSize       beam search width
 * @param initialPrompt  text that primes the first window (names, spelling), or null
 * @param batchSize      1 for sequential decoding; more uses faster-whisper's batched pipeline (needs VAD)
 */
public record TranscribeOptions(String language, String task, boolean wordTimestamps, boolean vadFilter,
                                int beamSize, String initialPrompt, int batchSize) {

    public TranscribeOptions {
        if (!"transcribe".equals(task) && !"translate".equals(task)) {
            throw new IllegalArgumentException("task must be 'transcribe' or 'translate', got '" + task + "'");
        }
        if (beamSize < 1) {
            throw new IllegalArgumentException("beam_size must be at least 1, got " + beamSize);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch_size must be at least 1, got " + batchSize);
        }
    }

    /** faster-whisper's defaults: detect the language, transcribe, beam 5, no VAD, no word timings. */
    public static TranscribeOptions defaults() {
        return new TranscribeOptions(null, "transcribe", false, false, 5, null, 1);
    }
}
