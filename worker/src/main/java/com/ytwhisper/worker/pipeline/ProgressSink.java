package com.ytwhisper.worker.pipeline;

/** Where a handler reports how far a job has come; the worker rate-limits what it forwards. */
@FunctionalInterface
public interface ProgressSink {

    /** A sink that drops every report. */
    ProgressSink NONE = (stage, percent) -> { };

    /**
     * @param stage   the job's current stage
     * @param percent 0-100, or null when unknown
     */
    void report(Stage stage, Integer percent);

    /**
     * One piece of the transcript as soon as it is decoded, {@code {"start": s, "end": s, "text": "..."}},
     * in order. The protocol side forwards these as stream items (job-stream on the platform,
     * {@code /stream/{id}} in local mode); by default they are dropped.
     */
    default void partial(com.fasterxml.jackson.databind.JsonNode item) {
    }

    /** The stages a client sees in {@code output.stage} while a job is IN_PROGRESS. */
    enum Stage {
        QUEUED, DOWNLOADING, WAITING_FOR_ENGINE, TRANSCRIBING, UPLOADING;

        /** The name on the wire, e.g. {@code waiting_for_engine}. */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }
}
