package com.ytwhisper.worker.transcript;

import java.util.List;

/**
 * One stretch of speech as the engine decoded it.
 *
 * @param start        seconds
 * @param end          seconds
 * @param text         the segment's text
 * @param words        word timings, empty when the engine gave none
 * @param avgLogprob   Whisper's average log probability, or null
 * @param noSpeechProb Whisper's no-speech probability, or null
 */
public record Segment(double start, double end, String text, List<Word> words,
                      Double avgLogprob, Double noSpeechProb) {
    public Segment {
        words = words == null ? List.of() : List.copyOf(words);
    }
}
