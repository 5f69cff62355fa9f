package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.client.runpod.RunpodJson;
import com.ytwhisper.client.runpod.StatusResponse;

class StatusMappingTest {

    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private final JobStatus running = JobStatus.starting("20260102-030400-12345678", "https://v", "rid", null, null,
            NOW.minusSeconds(60)).running("rp-1", "IN_QUEUE", null, null, null, NOW.minusSeconds(30));

    @Test
    void queuedAndInProgressAreRunningWithTheWorkersProgress() {
        JobStatus queued = StatusMapping.apply(running, answer("IN_QUEUE", null, null), NOW);
        assertEquals(JobState.RUNNING, queued.status());
        assertEquals("IN_QUEUE", queued.runpodStatus());

        JobStatus progress = StatusMapping.apply(running,
                answer("IN_PROGRESS", "{\"stage\":\"transcribing\",\"percent\":42}", null), NOW);
        assertEquals(JobState.RUNNING, progress.status());
        assertEquals(new Progress("transcribing", 42), progress.progress());
        assertEquals(NOW, progress.updatedAt());

        JobStatus unknownPercent = StatusMapping.apply(progress,
                answer("IN_PROGRESS", "{\"stage\":\"waiting_for_engine\",\"percent\":null}", null), NOW);
        assertEquals(new Progress("waiting_for_engine", null), unknownPercent.progress());
        JobStatus noOutput = StatusMapping.apply(unknownPercent, answer("IN_PROGRESS", null, null), NOW);
        assertEquals(unknownPercent.progress(), noOutput.progress(), "progress is kept when an answer has none");
    }

    @Test
    void completedWithDoneOutputIsDoneWithTheSrtPath() {
        JobStatus done = StatusMapping.apply(running, answer("COMPLETED",
                "{\"status\":\"done\",\"request_id\":\"rid\",\"srt_path\":\"s3://b/t/rid.srt\",\"srt_key\":\"t/rid.srt\",\"srt_bucket\":\"b\"}",
                null), NOW);
        assertEquals(JobState.DONE, done.status());
        assertEquals("s3://b/t/rid.srt", done.srtPath());
        assertNull(done.error());
        assertEquals("t/rid.srt", done.output().get("srt_key").asText());
    }

    @Test
    void aDoneJobDropsTheLastProgressAndListsEveryResultPath() {
        JobStatus transcribing = StatusMapping.apply(running,
                answer("IN_PROGRESS", "{\"stage\":\"transcribing\",\"percent\":50}", null), NOW);
        JobStatus done = StatusMapping.apply(transcribing, answer("COMPLETED",
                "{\"status\":\"done\",\"srt_path\":\"s3://b/r.srt\",\"vtt_path\":\"s3://b/r.vtt\",\"txt_path\":\"s3://b/r.txt\"}",
                null), NOW);
        assertNull(done.progress(), "\"transcribing 50%\" is stale once the job is done");
        assertEquals(java.util.List.of("s3://b/r.srt", "s3://b/r.vtt", "s3://b/r.txt"), done.resultPaths());
    }

    @Test
    void completedWithAnErrorOutputIsAnError() {
        JobStatus failed = StatusMapping.apply(running,
                answer("COMPLETED", "{\"status\":\"error\",\"request_id\":\"rid\",\"error\":\"video is private\"}", null),
                NOW);
        assertEquals(JobState.ERROR, failed.status());
        assertEquals("video is private", failed.error());
        assertEquals("COMPLETED", failed.runpodStatus());
    }

    @Test
    void completedWithoutOutputOrWithoutSrtPathIsAnError() {
        assertEquals("the job completed without an output",
                StatusMapping.apply(running, answer("COMPLETED", null, null), NOW).error());
        assertEquals("the job completed but its output has no srt_path",
                StatusMapping.apply(running, answer("COMPLETED", "{\"status\":\"done\"}", null), NOW).error());
    }

    @Test
    void failedCarriesTheErrorStringOrTheSdkErrorMessage() {
        JobStatus plain = StatusMapping.apply(running,
                answer("FAILED", "{\"status\":\"error\",\"request_id\":\"rid\"}", "\"download failed: HTTP 403\""), NOW);
        assertEquals(JobState.ERROR, plain.status());
        assertEquals("download failed: HTTP 403", plain.error());
        assertEquals("FAILED", plain.runpodStatus());

        String sdkError = "{\"error_type\":\"<class 'ValueError'>\",\"error_message\":\"bad input\",\"error_traceback\":\"...\"}";
        JobStatus encoded = StatusMapping.apply(running,
                answer("FAILED", null, RunpodJson.MAPPER.valueToTree(sdkError).toString()), NOW);
        assertEquals("bad input", encoded.error());

        assertTrue(StatusMapping.apply(running, answer("FAILED", null, null), NOW).error().contains("without an error message"));
    }

    @Test
    void cancelledAndTimedOutAreErrorsWithTheReason() {
        JobStatus cancelled = StatusMapping.apply(running, answer("CANCELLED", null, null), NOW);
        assertEquals(JobState.ERROR, cancelled.status());
        assertEquals("the job was cancelled", cancelled.error());
        JobStatus timedOut = StatusMapping.apply(running, answer("TIMED_OUT", null, null), NOW);
        assertEquals(JobState.ERROR, timedOut.status());
        assertTrue(timedOut.error().contains("timed out"), timedOut.error());
        assertFalse(timedOut.isResumable(), "Runpod's own end state cannot be resumed");
    }

    @Test
    void anUnknownStateKeepsTheJobRunning() {
        JobStatus next = StatusMapping.apply(running, answer("RUNNING", null, null), NOW);
        assertEquals(JobState.RUNNING, next.status());
        assertEquals("RUNNING", next.runpodStatus());
    }

    @Test
    void notFoundAfterSubmitMeansTheResultExpired() {
        JobStatus expired = StatusMapping.expired(running, NOW);
        assertEquals(JobState.ERROR, expired.status());
        assertTrue(expired.error().startsWith("result expired"), expired.error());
        assertEquals(StatusMapping.NOT_FOUND, expired.runpodStatus());
        assertFalse(expired.isResumable());
    }

    private static StatusResponse answer(String status, String output, String error) {
        try {
            JsonNode out = output == null ? null : RunpodJson.MAPPER.readTree(output);
            JsonNode err = error == null ? null : RunpodJson.MAPPER.readTree(error);
            return new StatusResponse("rp-1", status, 100L, 200L, out, err);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
