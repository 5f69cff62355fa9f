package com.ytwhisper.worker.pipeline;

/**
 * Seconds each stage of a job took, as reported in the output's {@code timings}.
 *
 * @param probeS seconds of the cache's identity probe, or null when the cache was off for the job
 * @param cacheS seconds reading and writing the cache entry, or null when the cache was off
 */
public record Timings(double downloadS, double transcribeS, double uploadS, Double probeS, Double cacheS) {

    /** A job that did not use the cache. */
    public Timings(double downloadS, double transcribeS, double uploadS) {
        this(downloadS, transcribeS, uploadS, null, null);
    }

    /** Seconds from {@code startNanos} (a {@link System#nanoTime()} reading) to now. */
    public static double secondsSince(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }
}
