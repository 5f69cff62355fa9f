package com.ytwhisper.worker.pipeline;

/** Seconds each stage of a job took, as reported in the output's {@code timings}. */
public record Timings(double downloadS, double transcribeS, double uploadS) {

    /** Seconds from {@code startNanos} (a {@link System#nanoTime()} reading) to now. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
