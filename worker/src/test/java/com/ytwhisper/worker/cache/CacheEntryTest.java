package com.ytwhisper.worker.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import com.ytwhisper.testkit.s3.S3MockServer;
import com.ytwhisper.worker.sidecar.EngineInfo;
import com.ytwhisper.worker.sidecar.TranscribeOptions;
import com.ytwhisper.worker.storage.LocalFolderStorage;
import com.ytwhisper.worker.storage.S3ClientSettings;
import com.ytwhisper.worker.storage.S3Clients;
import com.ytwhisper.worker.storage.S3Credentials;
import com.ytwhisper.worker.storage.S3Storage;
import com.ytwhisper.worker.storage.S3Target;
import com.ytwhisper.worker.storage.Storage;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import com.ytwhisper.worker.transcript.Word;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cache entries: the transcript survives the trip, damage is refused, concurrent writers leave a whole entry. */
@ExternalProcesses
class CacheEntryTest {

    static final CacheKey KEY = CacheKey.of(new MediaIdentity("Youtube abc"),
            new EngineInfo("faster-whisper", "large-v3", "cuda", "float16", 1), TranscribeOptions.defaults());

    @TempDir
    Path dir;

    static Transcript transcript(long seed) {
        Random random = new Random(seed);
        List<Segment> segments = new ArrayList<>();
        double t = random.nextDouble();
        for (int s = 0; s < 40; s++) {
            List<Word> words = new ArrayList<>();
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 1 + random.nextInt(12); w++) {
                String word = List.of(" hello", " wörld", " မြန်မာ", " 👍🏽", " \"quoted\"", " naïve").get(random.nextInt(6));
                double start = t;
                t += 0.05 + random.nextDouble() / 3;
                words.add(new Word(start, t, word, random.nextBoolean() ? random.nextDouble() : null));
                text.append(word);
            }
            segments.add(new Segment(words.get(0).start(), t, text.toString(), random.nextBoolean() ? words : List.of(),
                    -random.nextDouble(), random.nextBoolean() ? random.nextDouble() : null));
        }
        return new Transcript(new TranscriptInfo(seed % 2 == 0 ? "my" : null, seed % 2 == 0 ? 0.9871234 : null, t + 0.3,
                "faster-whisper", "large-v3"), segments);
    }

    @Test
    void anEntryGivesBackExactlyTheTranscriptItWasWrittenFrom() {
        for (long seed = 0; seed < 20; seed++) {
            Transcript original = transcript(seed);
            assertEquals(original, TranscriptReader.read(EntryJson.bytes(original)), "seed " + seed);
        }
    }

    @Test
    void aDamagedEntryIsRefusedNotRendered() {
        byte[] good = EntryJson.bytes(transcript(1));
        for (String bad : List.of("", "[]", "{\"segments\": [{\"start\": tru",
                new String(good, 0, good.length / 2, StandardCharsets.UTF_8),
                new String(good, StandardCharsets.UTF_8).replace("\"start\":", "\"begin\":"),
                new String(good, StandardCharsets.UTF_8).replace("\"segments\":", "\"segs\":"))) {
            assertThrows(IllegalArgumentException.class, () -> TranscriptReader.read(bad.getBytes(StandardCharsets.UTF_8)),
                    bad.length() > 60 ? bad.substring(0, 60) : bad);
        }
    }

    @Test
    void twoWritersOfOneLocalEntryLeaveAWholeEntry() throws Exception {
        racingWriters(new LocalFolderStorage(dir, "transcriptions/"), true);
        assertTrue(dir.resolve("transcriptions/" + KEY.entryName()).toFile().isFile());
    }

    @Test
    void twoWritersOfOneS3EntryLeaveAWholeEntry() throws Exception {
        try (S3MockServer s3 = S3MockServer.start("results");
             S3Clients clients = new S3Clients(new S3ClientSettings("us-east-1", 2, Duration.ofMillis(10),
                     Duration.ofSeconds(2), Duration.ofSeconds(10)))) {
            S3Target target = new S3Target("results", "transcriptions/", s3.endpoint(),
                    new S3Credentials("AKIACACHETEST0000001", "cache-test-secret", null));
            // S3 readers see whole objects by its contract; S3Mock's reads during a rewrite are not what is tested
            racingWriters(new S3Storage(clients.clientFor(target), target), false);
        }
    }

    /** Two workers write different transcripts to one entry at once (while a third reads it, if {@code reading}). */
    private static void racingWriters(Storage storage, boolean reading) throws Exception {
        Transcript a = transcript(2);
        Transcript b = transcript(3);
        assertTrue(storage.read(KEY.entryName(), 1 << 24).isEmpty(), "no entry yet");
        TranscriptCache.write(storage, KEY, a);
        assertThrows(com.ytwhisper.worker.storage.StorageException.class, () -> storage.read(KEY.entryName(), 100),
                "an entry over the size limit is refused");
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (Transcript t : List.of(a, b)) {
                done.add(threads.submit(() -> {
                    go.await();
                    for (int i = 0; i < 15; i++) {
                        TranscriptCache.write(storage, KEY, t);
                    }
                    return null;
                }));
            }
            Future<Integer> reads = threads.submit(() -> {
                go.await();
                int count = 0;
                while (reading && (!done.get(0).isDone() || !done.get(1).isDone())) {
                    Transcript read = TranscriptReader.read(storage.read(KEY.entryName(), 1 << 24).orElseThrow());
                    assertTrue(read.equals(a) || read.equals(b), "a mixed entry");
                    count++;
                }
                return count;
            });
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            assertTrue(reads.get() > 0 || !reading);
            Transcript last = TranscriptReader.read(storage.read(KEY.entryName(), 1 << 24).orElseThrow());
            assertTrue(last.equals(a) || last.equals(b));
        } finally {
            threads.shutdownNow();
        }
    }
}
