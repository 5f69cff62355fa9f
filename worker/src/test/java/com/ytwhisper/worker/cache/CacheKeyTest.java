package com.ytwhisper.worker.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.sidecar.TranscribeOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CacheKeyTest {

    static final MediaIdentity VIDEO = new MediaIdentity("Youtube dQw4w9WgXcQ");
    static final EngineInfo ENGINE = new EngineInfo("faster-whisper", "/models/large-v3", "cuda", "float16", 12.5);
    static final TranscribeOptions OPTIONS = new TranscribeOptions(null, "transcribe", false, true, 5, null, 1);

    @Test
    void theSameMediaAndOptionsGiveTheSameEntry() {
        CacheKey key = CacheKey.of(VIDEO, ENGINE, OPTIONS);
        assertEquals(key, CacheKey.of(new MediaIdentity("Youtube dQw4w9WgXcQ"),
                new EngineInfo("faster-whisper", "/models/large-v3", "cuda", "float16", 3.0),
                new TranscribeOptions(null, "transcribe", false, true, 5, null, 1)));
        assertTrue(key.entryName().matches("\\.ytw-cache/[0-9a-f]{64}\\.json"), key.entryName());
    }

    @Test
    void everythingThatChangesTheTranscriptChangesTheKey() {
        List<CacheKey> keys = List.of(
                CacheKey.of(VIDEO, ENGINE, OPTIONS),
                CacheKey.of(new MediaIdentity("Youtube other"), ENGINE, OPTIONS),
                CacheKey.of(VIDEO, new EngineInfo("pocketsphinx", "/models/large-v3", "cuda", "float16", 1), OPTIONS),
                CacheKey.of(VIDEO, new EngineInfo("faster-whisper", "medium", "cuda", "float16", 1), OPTIONS),
                CacheKey.of(VIDEO, new EngineInfo("faster-whisper", "/models/large-v3", "cpu", "int8", 1), OPTIONS),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions("en", "transcribe", false, true, 5, null, 1)),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions(null, "translate", false, true, 5, null, 1)),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions(null, "transcribe", true, true, 5, null, 1)),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions(null, "transcribe", false, false, 5, null, 1)),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions(null, "transcribe", false, true, 1, null, 1)),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions(null, "transcribe", false, true, 5, "Quarkus", 1)),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions(null, "transcribe", false, true, 5, "", 1)),
                CacheKey.of(VIDEO, ENGINE, new TranscribeOptions(null, "transcribe", false, true, 5, null, 16)));
        Set<CacheKey> distinct = new HashSet<>(keys);
        assertEquals(keys.size(), distinct.size(), "two different settings share an entry: " + keys);
    }

    @Test
    void theDeviceAloneDoesNotChangeTheKey() {
        assertEquals(CacheKey.of(VIDEO, ENGINE, OPTIONS),
                CacheKey.of(VIDEO, new EngineInfo("faster-whisper", "/models/large-v3", "cuda:1", "float16", 1), OPTIONS));
        assertNotEquals(CacheKey.of(VIDEO, ENGINE, OPTIONS).sha256(), VIDEO.value());
    }

    @Test
    void theSettingIsOnOrOff() {
        assertTrue(TranscriptCache.parse("on"));
        assertTrue(TranscriptCache.parse(" ON "));
        assertEquals(false, TranscriptCache.parse("off"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TranscriptCache.parse("sometimes"));
        assertTrue(e.getMessage().startsWith("WORKER_CACHE must be \"on\" or \"off\""), e.getMessage());
    }
}
