package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.runpod.RunpodEmulator;
import com.ytwhisper.testkit.runpod.SeenRequest;
import com.ytwhisper.testkit.runpod.WorkerFault;
import com.ytwhisper.testkit.runpod.WorkerRoute;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Transcript pieces on job-stream, end to end against the emulator, with the stand-in handler. */
class JobStreamTest {

    private static final Duration WAIT = Duration.ofSeconds(20);
    private final StandInHandler handler = new StandInHandler();
    private RunpodEmulator emulator;
    private WorkerUnderTest worker;

    @BeforeEach
    void start() {
        emulator = new RunpodEmulator().takeHold(Duration.ofMillis(100)).requireApiKey(WorkerUnderTest.KEY);
        worker = new WorkerUnderTest(emulator, handler, WorkerUnderTest.fast(1), false);
    }

    @AfterEach
    void stop() throws InterruptedException {
        worker.close();
        emulator.close();
    }

    @Test
    void piecesArePostedInOrderInFewBatchesBeforeTheResult() {
        emulator.enqueue("job-s", "{\"sleep_ms\": 1500, \"partials\": 300}");
        JsonNode result = emulator.awaitFinal("job-s", WAIT);
        assertFalse(result.has("error"), result.toString());

        List<SeenRequest> posts = emulator.streamed("job-s");
        long done = emulator.requests(WorkerRoute.DONE).stream().filter(r -> "job-s".equals(r.jobId()) && !r.isProgress())
                .findFirst().orElseThrow().atMillis();
        // at most one post a second: the first piece at once, then one batch a second, the rest at the end
        long spanS = (done - posts.get(0).atMillis()) / 1000;
        assertTrue(posts.size() >= 2 && posts.size() <= 2 + spanS, posts.size() + " posts in " + spanS + " s");
        posts.forEach(p -> assertTrue(p.atMillis() <= done, "a stream post after the result"));
        List<JsonNode> items = emulator.streamItems("job-s");
        assertEquals(300, items.size());
        for (int i = 0; i < items.size(); i++) {
            assertEquals("piece " + i, items.get(i).path("text").asText());
        }
        SeenRequest first = posts.get(0);
        assertEquals("false", first.query().get("isStream"));
        assertEquals("application/x-www-form-urlencoded", first.headers().get("content-type"));
        assertEquals("job-s", first.headers().get("x-request-id"));
    }

    @Test
    void aHangingJobStreamDoesNotHoldTheResultBack() {
        emulator.inject(WorkerRoute.STREAM, WorkerFault.hang(60_000), 10);
        long started = System.nanoTime();
        emulator.enqueue("job-h", "{\"partials\": 3}");
        JsonNode result = emulator.awaitFinal("job-h", WAIT);
        long tookMs = (System.nanoTime() - started) / 1_000_000;
        assertFalse(result.has("error"), result.toString());
        // bounded by the stream's close wait (the request timeout, 2 s here), far below the hang
        assertTrue(tookMs < 15_000, "the result took " + tookMs + " ms");
    }

    @Test
    void aJobWithoutPiecesPostsNothingToJobStream() {
        emulator.enqueue("job-n", "{\"progress\": 3}");
        emulator.awaitFinal("job-n", WAIT);
        assertEquals(List.of(), emulator.streamed("job-n"));
    }
}
