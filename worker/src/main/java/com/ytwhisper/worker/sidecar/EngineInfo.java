package com.ytwhisper.worker.sidecar;

/**
 * The engine the sidecar loaded, as its {@code ready} event reported it.
 *
 * @param engine      {@code faster-whisper} or {@code pocketsphinx}
 * @param model       model name or path
 * @param loadSeconds how long loading took
 */
public record EngineInfo(String engine, String model, String device, String computeType, double loadSeconds) {
}
