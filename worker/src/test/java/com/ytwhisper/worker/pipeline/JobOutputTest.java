package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.storage.StoredObject;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JobOutputTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final TranscriptInfo INFO = new TranscriptInfo("en", 0.98765, 212.3456, "faster-whisper", "large-v3");
    static final Timings TIMINGS = new Timings(3.14159, 20.5, 0.25);

    static List<String> keys(JsonNode node) {
        List<String> keys = new ArrayList<>();
        node.fieldNames().forEachRemaining(keys::add);
        return keys;
    }

    static StoredObject inBucket(String bucket, String key) {
        return new StoredObject("s3://" + bucket + "/" + key, key, bucket);
    }

    @Test
    void prototypeFieldsComeFirstAndMatchItsContract() throws Exception {
        JobInput in = JobInputParser.parse(JobInputParserTest.json("{'youtube_url': 'https://youtu.be/x',"
                + " 'request_id': 'job-id', 's3_bucket': 'bucket', 's3_key_prefix': 'transcriptions/'}"), "rp-1", false);
        String key = in.storage().keyPrefix() + in.fileName(SubtitleFormat.SRT);
        ObjectNode out = new JobOutput(in.requestId(), Map.of(SubtitleFormat.SRT, inBucket(in.storage().bucket(), key)),
                INFO, 42, TIMINGS).toJson();

        JsonNode prototype = JSON.readTree("""
                {"status": "done", "request_id": "job-id",
                 "srt_path": "s3://bucket/transcriptions/job-id.srt",
                 "srt_key": "transcriptions/job-id.srt", "srt_bucket": "bucket"}""");
        assertEquals(keys(prototype), keys(out).subList(0, 5));
        prototype.fields().forEachRemaining(field -> assertEquals(field.getValue(), out.get(field.getKey()), field.getKey()));
    }

    @Test
    void everyFieldInOrderWithExtraFormats() throws Exception {
        Map<SubtitleFormat, StoredObject> files = new LinkedHashMap<>();
        files.put(SubtitleFormat.SRT, inBucket("b", "p/r.srt"));
        files.put(SubtitleFormat.VTT, inBucket("b", "p/r.vtt"));
        files.put(SubtitleFormat.JSON, inBucket("b", "p/r.json"));
        ObjectNode out = new JobOutput("r", files, INFO, 42, TIMINGS).toJson();

        assertEquals(JSON.readTree("""
                {"status": "done", "request_id": "r",
                 "srt_path": "s3://b/p/r.srt", "srt_key": "p/r.srt", "srt_bucket": "b",
                 "vtt_path": "s3://b/p/r.vtt", "vtt_key": "p/r.vtt",
                 "json_path": "s3://b/p/r.json", "json_key": "p/r.json",
                 "language": "en", "language_probability": 0.988, "duration_s": 212.346, "segments": 42,
                 "dropped_segments": 0, "redecoded_segments": 0,
                 "engine": "faster-whisper", "model": "large-v3",
                 "timings": {"download_s": 3.142, "transcribe_s": 20.5, "upload_s": 0.25}}"""), out);
        assertEquals(List.of("status", "request_id", "srt_path", "srt_key", "srt_bucket", "vtt_path", "vtt_key",
                "json_path", "json_key", "language", "language_probability", "duration_s", "segments",
                "dropped_segments", "redecoded_segments", "engine",
                "model", "timings"), keys(out));
        assertEquals(List.of("download_s", "transcribe_s", "upload_s"), keys(out.get("timings")));
    }

    @Test
    void theCacheFieldComesBeforeTimingsWhichShowTheProbeAndTheEntry() {
        Timings timings = new Timings(0, 0, 0.125, 1.5, 0.0625);
        ObjectNode out = new JobOutput("r", Map.of(SubtitleFormat.SRT, inBucket("b", "r.srt")), INFO, 1, timings, "hit").toJson();
        List<String> keys = keys(out);
        assertEquals(List.of("model", "cache", "timings"), keys.subList(keys.size() - 3, keys.size()));
        assertEquals("hit", out.get("cache").textValue());
        assertEquals(List.of("probe_s", "download_s", "transcribe_s", "upload_s", "cache_s"), keys(out.get("timings")));
        assertEquals(1.5, out.get("timings").get("probe_s").doubleValue());
    }

    @Test
    void srtComesFirstWhateverTheMapOrder() {
        Map<SubtitleFormat, StoredObject> files = new LinkedHashMap<>();
        files.put(SubtitleFormat.TXT, inBucket("b", "r.txt"));
        files.put(SubtitleFormat.SRT, inBucket("b", "r.srt"));
        List<String> keys = keys(new JobOutput("r", files, INFO, 1, TIMINGS).toJson());
        assertEquals(List.of("srt_path", "srt_key", "srt_bucket", "txt_path", "txt_key"), keys.subList(2, 7));
    }

    @Test
    void localFolderAndGivenLanguageGiveNulls() {
        StoredObject local = new StoredObject("file:///srv/out/r.srt", "r.srt", null);
        TranscriptInfo given = new TranscriptInfo("de", null, 1.5, "pocketsphinx", "en-us");
        ObjectNode out = new JobOutput("r", Map.of(SubtitleFormat.SRT, local), given, 0, new Timings(0, 0, 0)).toJson();
        assertTrue(out.get("srt_bucket").isNull());
        assertTrue(out.get("language_probability").isNull());
        assertEquals("file:///srv/out/r.srt", out.get("srt_path").textValue());
    }

    @Test
    void anOutputWithoutSrtIsAProgrammingError() {
        assertThrows(IllegalArgumentException.class,
                () -> new JobOutput("r", Map.of(SubtitleFormat.VTT, inBucket("b", "r.vtt")), INFO, 1, TIMINGS));
    }

    @Test
    void failureCarriesThePrototypeErrorObject() throws Exception {
        JobResult result = JobOutput.failed("download failed: HTTP 404 from the media server; check the URL", "job-id");
        JobResult.Failure failure = assertInstanceOf(JobResult.Failure.class, result);
        assertEquals("download failed: HTTP 404 from the media server; check the URL", failure.message());
        assertEquals(JSON.readTree("{\"status\":\"error\",\"request_id\":\"job-id\"}"), failure.output());
        assertEquals(List.of("status", "request_id"), keys(failure.output()));
        assertTrue(JobOutput.failure(null).get("request_id").isNull());
    }

    @Test
    void timingsMeasureFromANanoTimeReading() {
        double seconds = Timings.secondsSince(System.nanoTime() - 1_500_000_000L);
        assertTrue(seconds >= 1.5 && seconds < 60, "got " + seconds);
    }
}
