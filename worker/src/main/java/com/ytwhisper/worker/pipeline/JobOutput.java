package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.storage.StoredObject;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A finished job's output. The first five fields are the prototype's success object
 * (docs/prototype-contract.md, Job output), which callers (the n8n workflow) read; everything
 * after them is an addition.
 *
 * @param requestId the job's request id
 * @param files     stored files by format; must hold {@link SubtitleFormat#SRT}, others follow in order
 * @param info      what the engine said about the transcription
 * @param segments  how many segments the engine produced
 * @param timings   seconds per stage
 * @param cache     {@code hit}, {@code miss} or {@code off}; null leaves the field out
 */
public record JobOutput(String requestId, Map<SubtitleFormat, StoredObject> files, TranscriptInfo info,
                        int segments, Timings timings, String cache) {

    public JobOutput(String requestId, Map<SubtitleFormat, StoredObject> files, TranscriptInfo info, int segments,
                     Timings timings) {
        this(requestId, files, info, segments, timings, null);
    }

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public JobOutput {
        if (!files.containsKey(SubtitleFormat.SRT)) {
            throw new IllegalArgumentException("a job output needs the SRT file");
        }
        files = Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }

    /**
     * {@code status}, {@code request_id}, {@code srt_path}, {@code srt_key}, {@code srt_bucket},
     * then {@code <format>_path} and {@code <format>_key} per other format, {@code language},
     * {@code language_probability}, {@code duration_s}, {@code segments}, {@code dropped_segments},
     * {@code redecoded_segments} (what the quality guards did), {@code engine},
     * {@code model}, {@code cache} (when set), {@code timings}, in this order.
     */
    public ObjectNode toJson() {
        StoredObject srt = files.get(SubtitleFormat.SRT);
        ObjectNode out = JSON.objectNode()
                .put("status", "done")
                .put("request_id", requestId)
                .put("srt_path", srt.path())
                .put("srt_key", srt.key())
                .put("srt_bucket", srt.bucket());
        files.forEach((format, file) -> {
            if (format != SubtitleFormat.SRT) {
                out.put(format.extension() + "_path", file.path()).put(format.extension() + "_key", file.key());
            }
        });
        out.put("language", info.language())
                .put("language_probability", info.languageProbability() == null ? null : round(info.languageProbability()))
                .put("duration_s", round(info.durationS()))
                .put("segments", segments)
                .put("dropped_segments", info.guards().dropped())
                .put("redecoded_segments", info.guards().redecoded())
                .put("engine", info.engine())
                .put("model", info.model());
        if (cache != null) {
            out.put("cache", cache);
        }
        ObjectNode times = out.putObject("timings");
        if (timings.probeS() != null) {
            times.put("probe_s", round(timings.probeS()));
        }
        times.put("download_s", round(timings.downloadS()))
                .put("transcribe_s", round(timings.transcribeS()))
                .put("upload_s", round(timings.uploadS()));
        if (timings.cacheS() != null) {
            times.put("cache_s", round(timings.cacheS()));
        }
        return out;
    }

    /**
     * The failure object of docs/prototype-contract.md, Job output:
     * {@code {"status":"error","request_id":...}}.
     */
    public static ObjectNode failure(String requestId) {
        return JSON.objectNode().put("status", "error").put("request_id", requestId);
    }

    /**
     * A failed job's result: the platform receives {@code {"error": message, "output":
     * {"status":"error","request_id":...}}}, as the Python SDK sent the prototype's error dict
     * (docs/prototype-contract.md, Job output; docs/runpod-protocol.md §1.7).
     */
    public static JobResult failed(String message, String requestId) {
        return JobResult.failure(message, failure(requestId));
    }

    /** Milliseconds are enough; more digits would only be noise. */
    private static double round(double seconds) {
        return Math.round(seconds * 1000) / 1000.0;
    }
}
