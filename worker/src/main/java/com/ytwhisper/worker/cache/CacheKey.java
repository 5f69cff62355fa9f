package com.ytwhisper.worker.cache;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.shared.Json;
import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.sidecar.TranscribeOptions;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The name of one cache entry: the SHA-256 of the media's identity and of every setting that
 * changes the transcript (engine, model, compute type, language, task, beam size, VAD, word
 * timestamps, initial prompt, batch size). Layout and formats are not in it: they are rendered
 * from the cached transcript.
 *
 * @param sha256 64 lowercase hex digits
 */
public record CacheKey(String sha256) {

    /** Folder of the entries, below the job's key prefix (in the bucket or under WORKER_OUTPUT_DIR). */
    public static final String FOLDER = ".ytw-cache/";
    /** Bumped when the entry's shape or the key's parts change, so old entries are simply never found. */
    static final int VERSION = 1;


    public static CacheKey of(MediaIdentity media, EngineInfo engine, TranscribeOptions options) {
        ObjectNode parts = Json.MAPPER.createObjectNode()
                .put("version", VERSION)
                .put("media", media.value())
                .put("engine", engine.engine())
                .put("model", engine.model())
                .put("compute_type", engine.computeType())
                .put("language", options.language())
                .put("task", options.task())
                .put("beam_size", options.beamSize())
                .put("vad_filter", options.vadFilter())
                .put("word_timestamps", options.wordTimestamps())
                .put("initial_prompt", options.initialPrompt())
                .put("batch_size", options.batchSize());
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(Json.MAPPER.writeValueAsString(parts).getBytes(StandardCharsets.UTF_8));
            return new CacheKey(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot compute a cache key", e);
        }
    }

    /** The entry's name below the key prefix, e.g. {@code .ytw-cache/<sha256>.json}. */
    public String entryName() {
        return FOLDER + sha256 + ".json";
    }
}
