package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;

class JobStoreTest {

    private static final Instant NOW = Instant.parse("2026-03-04T05:06:07Z");

    @TempDir
    Path home;

    @Test
    void idsFollowThePrototypeFormatAndStayUniqueWithinOneSecond() {
        JobStore store = new JobStore(home, Secrets.none());
        // a generator that keeps drawing the same few numbers forces clashes
        RandomGenerator clashing = new RandomGenerator() {
            private final SplittableRandom random = new SplittableRandom(1);

            @Override
            public long nextLong() {
                return random.nextLong();
            }

            @Override
            public int nextInt(int bound) {
                return random.nextInt(bound) % 400;
            }
        };
        JobId ids = new JobId(clashing, ZoneOffset.UTC);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            String id = store.reserve(ids, NOW);
            assertTrue(id.matches("20260304-050607-\\d{8}"), id);
            assertTrue(seen.add(id), "duplicate id " + id);
        }
    }

    @Test
    void aStatusFileIsOneJsonLineWithThePrototypeKeysFirst() throws Exception {
        JobStore store = new JobStore(home, Secrets.none());
        store.write(JobStatus.starting("20260304-050607-10000000", "https://v", "rid", null, null, NOW));
        String text = Files.readString(store.statusFile("20260304-050607-10000000"));
        assertTrue(text.endsWith("}\n") && text.indexOf('\n') == text.length() - 1, text);
        assertTrue(text.startsWith("{\"job_id\":\"20260304-050607-10000000\",\"runpod_job_id\":null,\"status\":\"starting\","
                + "\"srt_path\":null,\"error\":null,"), text);
        assertEquals(JobState.STARTING, store.read("20260304-050607-10000000").orElseThrow().status());
    }

    @Test
    void aConcurrentReaderNeverSeesAHalfWrittenFile() throws Exception {
        JobStore store = new JobStore(home, Secrets.none());
        String id = "20260304-050607-20000000";
        JobStatus base = JobStatus.starting(id, "https://v", id, null, null, NOW);
        store.write(base);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger reads = new AtomicInteger();
        AtomicReference<String> bad = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (writing.get() && bad.get() == null) {
                try {
                    String text = Files.readString(store.statusFile(id));
                    JsonNode json = JobStore.JSON.readTree(text);
                    if (json == null || !id.equals(json.path("job_id").asText())) {
                        bad.set(text);
                    }
                    reads.incrementAndGet();
                } catch (Exception e) {
                    bad.set(e.toString());
                }
            }
        });
        reader.start();
        try {
            for (int i = 0; i < 400; i++) {
                // alternate short and long files so a torn write would show
                String error = i % 2 == 0 ? "x" : "y".repeat(4000);
                store.write(base.failed(error, "FAILED", NOW.plusMillis(i)));
            }
        } finally {
            writing.set(false);
            reader.join();
        }
        assertEquals(null, bad.get(), "reader saw a broken file");
        assertTrue(reads.get() > 20, "reader ran " + reads.get() + " times");
        try (var files = Files.list(home.resolve("status"))) {
            assertEquals(List.of(id + ".json"), files.map(p -> p.getFileName().toString()).toList(), "no temp file left");
        }
    }

    @Test
    void replaceLeavesAFileThatSomeoneElseChanged() {
        JobStore store = new JobStore(home, Secrets.none());
        JobStatus seen = JobStatus.starting("20260304-050607-30000000", "https://v", "r", null, null, NOW);
        store.write(seen);
        JobStatus cancelled = seen.failed("the job was cancelled", "CANCELLED", NOW.plusSeconds(1));
        store.write(cancelled);
        assertFalse(store.replace(seen, seen.running("rp", "IN_PROGRESS", null, null, null, NOW.plusSeconds(2))));
        assertEquals(JobState.ERROR, store.read(seen.jobId()).orElseThrow().status());
        assertTrue(store.replace(cancelled, cancelled.failed("other", null, NOW.plusSeconds(3))));
    }

    @Test
    void listsJobsOldestFirstAndIgnoresOddFiles() throws Exception {
        JobStore store = new JobStore(home, Secrets.none());
        store.write(JobStatus.starting("20260304-050607-2", "u", "r", null, null, NOW));
        store.write(JobStatus.starting("20260101-000000-1", "u", "r", null, null, NOW)
                .running("rp", "IN_QUEUE", null, null, null, NOW));
        store.write(JobStatus.starting("20250101-000000-3", "u", "r", null, null, NOW).failed("x", null, NOW));
        Files.writeString(home.resolve("status/.20250101-000000-4.json.tmp"), "{");
        Files.writeString(home.resolve("status/notes.txt"), "hello");
        assertEquals(List.of("20250101-000000-3", "20260101-000000-1", "20260304-050607-2"),
                store.list().stream().map(JobStatus::jobId).toList());
        assertEquals(List.of("20260101-000000-1", "20260304-050607-2"),
                store.active().stream().map(JobStatus::jobId).toList());
    }

    @Test
    void unsafeIdsNeverReachTheFileSystem() {
        JobStore store = new JobStore(home, Secrets.none());
        assertTrue(store.read("../config/runpod_api_key").isEmpty());
        assertTrue(store.read(".hidden").isEmpty());
        assertThrows(IllegalArgumentException.class, () -> store.statusFile("a/b"));
    }

    @Test
    void secretsAreMaskedInEveryFileWritten() throws Exception {
        String key = "rpa_SECRET_KEY_0123456789";
        JobStore store = new JobStore(home, new Secrets(List.of(key)));
        RawLog log = new RawLog(store, new Secrets(List.of(key)));
        String id = "20260304-050607-40000000";
        store.write(JobStatus.starting(id, "https://v", id, null, null, NOW).failed("server said " + key, null, NOW));
        log.append(id, NOW, "GET /status/x", "200", "{\"echo\":\"" + key + "\"}\n{\"second\":1}");
        String status = Files.readString(store.statusFile(id));
        String raw = Files.readString(store.rawLog(id));
        assertFalse(status.contains(key), status);
        assertFalse(raw.contains(key), raw);
        assertTrue(raw.startsWith("2026-03-04T05:06:07Z GET /status/x 200 {\"echo\":\"***\"} {\"second\":1}\n"), raw);
        assertEquals(1, raw.lines().count(), "a multi-line body becomes one line");
    }
}
