package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.sidecar.BatchSizing;
import com.ytwhisper.worker.sidecar.TranscribeOptions;
import java.util.Locale;

/**
 * How a job asks to be transcribed, as it gave it: the engine's {@link TranscribeOptions} follow
 * once the worker's batch size default is known ({@link #options}).
 *
 * @param language       language code, e.g. {@code en}, or null to detect it
 * @param task           transcribe in the spoken language, or translate to English
 * @param wordTimestamps whether the engine should time each word
 * @param vadFilter      whether the engine skips silence with its voice activity filter
 * @param beamSize       decoding beam size
 * @param initialPrompt  text that primes the engine (names, spelling), or null
 * @param batchSize      batched inference size, or null for the worker's default
 */
public record TranscriptionInput(String language, Task task, boolean wordTimestamps, boolean vadFilter,
                                 int beamSize, String initialPrompt, Integer batchSize) {

    public static final boolean DEFAULT_VAD_FILTER = true;
    public static final int DEFAULT_BEAM_SIZE = 5;

    public TranscriptionInput {
        task = task == null ? Task.TRANSCRIBE : task;
    }

    /** The engine's options; {@code batches} chooses the batch size the job left open. */
    public TranscribeOptions options(BatchSizing batches) {
        return new TranscribeOptions(language, task.wireName(), wordTimestamps, vadFilter, beamSize, initialPrompt,
                batches.forJob(batchSize, vadFilter));
    }

    /** Whisper's task. */
    public enum Task {
        TRANSCRIBE, TRANSLATE;

        /** The name on the wire and in faster-whisper, e.g. {@code translate}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
