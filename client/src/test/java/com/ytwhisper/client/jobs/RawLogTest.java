package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RawLogTest {

    @TempDir
    Path home;

    @Test
    void tailGivesTheLastLinesInOrder() {
        JobStore store = new JobStore(home, Secrets.none());
        RawLog log = new RawLog(store, Secrets.none());
        String id = "20260304-050607-50000000";
        Instant start = Instant.parse("2026-03-04T05:06:07Z");
        for (int i = 0; i < 1200; i++) {
            log.append(id, start.plusSeconds(i), "GET /status/x", "200", "{\"n\":" + i + "}");
        }
        List<String> tail = log.tail(id, 1000);
        assertEquals(1000, tail.size());
        assertTrue(tail.get(0).endsWith("{\"n\":200}"), tail.get(0));
        assertTrue(tail.get(999).startsWith("2026-03-04T05:26:06Z GET /status/x 200 {\"n\":1199}"), tail.get(999));
        assertEquals(List.of(), log.tail("20260304-050607-59999999", 1000));
        assertEquals(List.of(), log.tail("../../etc/passwd", 1000));
    }
}
