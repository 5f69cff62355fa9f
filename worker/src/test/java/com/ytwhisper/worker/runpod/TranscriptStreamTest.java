package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TranscriptStreamTest {

    final ScheduledExecutorService executor = Executors.newScheduledThreadPool(2);
    final List<ObjectNode> posts = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    static ObjectNode piece(int i, String text) {
        return JsonNodeFactory.instance.objectNode().put("start", i).put("end", i + 1).put("text", text);
    }

    @Test
    void piecesAreBatchedByTimeAndArriveInOrder() {
        TranscriptStream stream = new TranscriptStream("job-1", Duration.ofHours(1), executor, (id, body) -> posts.add(body));
        for (int i = 0; i < 3000; i++) {
            stream.add(piece(i, "word " + i));
        }
        stream.close(Duration.ofSeconds(10));

        assertEquals(2, posts.size(), "the first piece at once, the rest in one batch at the end: " + posts.size());
        List<String> texts = new ArrayList<>();
        for (ObjectNode post : posts) {
            assertEquals(List.of("output"), names(post));
            post.get("output").forEach(p -> texts.add(p.path("text").asText()));
        }
        assertEquals(3000, texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertEquals("word " + i, texts.get(i));
        }
    }

    @Test
    void aBatchIsSplitBelowTheChunkLimit() {
        TranscriptStream stream = new TranscriptStream("job-1", Duration.ofHours(1), executor, (id, body) -> posts.add(body));
        String text = "x".repeat(100_000);
        for (int i = 0; i < 25; i++) {
            stream.add(piece(i, text));
        }
        stream.add(piece(99, "y".repeat(2_000_000)));
        stream.close(Duration.ofSeconds(10));

        int pieces = 0;
        for (ObjectNode post : posts) {
            int bytes = post.toString().getBytes(StandardCharsets.UTF_8).length;
            assertTrue(bytes < 1_000_000, "a post of " + bytes + " bytes");
            pieces += post.get("output").size();
        }
        assertEquals(26, pieces);
        assertTrue(posts.size() >= 4, "posts: " + posts.size());
    }

    @Test
    void atMostOnePostPerInterval() throws Exception {
        TranscriptStream stream = new TranscriptStream("job-1", Duration.ofMillis(300), executor,
                (id, body) -> posts.add(body));
        long started = System.nanoTime();
        while (System.nanoTime() - started < 1_000_000_000L) {
            stream.add(piece(0, "a"));
            Thread.sleep(5);
        }
        stream.close(Duration.ofSeconds(10));
        // one immediately, then one per 300 ms over about 1 s, then the rest at close
        assertTrue(posts.size() >= 2 && posts.size() <= 6, "posts: " + posts.size());
    }

    @Test
    void nothingIsTakenAfterClose() {
        TranscriptStream stream = new TranscriptStream("job-1", Duration.ofMillis(10), executor, (id, body) -> posts.add(body));
        stream.close(Duration.ofSeconds(1));
        stream.add(piece(0, "late"));
        assertEquals(0, posts.size());
    }

    static List<String> names(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
