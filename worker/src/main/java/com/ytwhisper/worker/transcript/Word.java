package com.ytwhisper.worker.transcript;

/**
 * One recognised word.
 *
 * @param start       seconds from the start of the audio
 * @param end         seconds from the start of the audio
 * @param text        the word as the engine wrote it (Whisper keeps a leading space)
 * @param probability the engine's confidence 0-1, or null when it gives none
 */
public record Word(double start, double end, String text, Double probability) {
}
