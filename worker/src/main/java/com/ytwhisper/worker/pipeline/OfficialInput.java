package com.ytwhisper.worker.pipeline;

import java.util.Locale;

/**
 * A job in the input schema of Runpod's official {@code runpod-workers/worker-faster_whisper}
 * ({@code src/rp_schema.py}), checked by {@link OfficialInputParser}: a drop-in for clients of
 * that worker. Only the fields the engine can apply per job are kept; the others are checked and
 * explained by the parser.
 *
 * @param audio          URL of the audio, or null when {@code audioBase64} is given
 * @param audioBase64    the audio itself, base64, or null; never printed
 * @param transcription  format of {@code transcription} in the output
 * @param translate      whether the output also carries an English {@code translation}
 * @param translation    format of {@code translation}
 * @param language       language code, or null to detect it
 * @param beamSize       decoding beam size
 * @param initialPrompt  text that primes the engine, or null
 * @param wordTimestamps whether the output carries {@code word_timestamps}
 * @param enableVad      whether the engine skips silence first
 */
public record OfficialInput(String audio, String audioBase64, TextFormat transcription, boolean translate,
                            TextFormat translation, String language, int beamSize, String initialPrompt,
                            boolean wordTimestamps, boolean enableVad) {

    /** The official worker's output formats ({@code src/predict.py: format_segments}). */
    public enum TextFormat {
        PLAIN_TEXT, FORMATTED_TEXT, SRT, VTT;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    @Override
    public String toString() {
        return "OfficialInput[audio=" + (audio == null ? null : ValueText.quoteUrl(audio))
                + ", audioBase64=" + (audioBase64 == null ? null : audioBase64.length() + " chars")
                + ", transcription=" + transcription + ", translate=" + translate + ", translation=" + translation
                + ", language=" + language + ", beamSize=" + beamSize + ", initialPrompt=" + initialPrompt
                + ", wordTimestamps=" + wordTimestamps + ", enableVad=" + enableVad + "]";
    }
}
