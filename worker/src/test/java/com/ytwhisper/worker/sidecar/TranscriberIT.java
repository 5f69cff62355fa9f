package com.ytwhisper.worker.sidecar;

import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.Word;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Transcriber driving the real sidecar (from the packaged {@code quarkus-app/sidecar/} when the
 * build made it) with the real pocketsphinx engine on espeak-ng speech. Needs Debian's python3 with
 * python3-pocketsphinx ({@code -Dsidecar.python} overrides it), espeak-ng and ffmpeg.
 */
class TranscriberIT {

    private static final TranscribeOptions WORDS = new TranscribeOptions("en", "transcribe", true, false, 5, null, 1);

    @TempDir
    static Path audio;
    static Path speech;
    static double speechS;
    /** Speech, then a long silence: the first segment comes out while the rest still decodes. */
    static Path longJob;
    static double longJobS;

    private final List<Transcriber> transcribers = new ArrayList<>();

    @BeforeAll
    static void makeSpeech() throws Exception {
        speech = SpeechAudio.sentence(audio, "speech.wav", 0);
        speechS = SpeechAudio.durationS(speech);
        longJob = SpeechAudio.sentence(audio, "long.wav", 20);
        longJobS = SpeechAudio.durationS(longJob);
    }

    @AfterEach
    void closeTranscribers() {
        transcribers.forEach(Transcriber::close);
    }

    static SidecarSettings settings(String engine, String python, Duration cancelGrace, double timeoutFactor, Duration timeoutMin) {
        Path packaged = Path.of(System.getProperty("worker.app.dir", "target/quarkus-app"), "sidecar");
        Path dir = Files.isDirectory(packaged) ? packaged : SidecarLocation.resolve(Optional.empty());
        return new SidecarSettings(engine, "large-v3", "cuda", "float16", python, dir, Duration.ofSeconds(60),
                cancelGrace, timeoutFactor, timeoutMin);
    }

    private Transcriber transcriber(SidecarSettings settings) {
        Transcriber transcriber = new Transcriber(settings);
        transcribers.add(transcriber);
        return transcriber;
    }

    private Transcriber pocketsphinx() {
        return transcriber(settings("pocketsphinx", python(), Duration.ofSeconds(5), 10, Duration.ofSeconds(120)));
    }

    private static String python() {
        return System.getProperty("sidecar.python", "/usr/bin/python3");
    }

    private static TranscriptionListener onFirstSegment(Consumer<Segment> action) {
        return new TranscriptionListener() {
            boolean first = true;

            @Override
            public void onSegment(Segment segment) {
                if (first) {
                    first = false;
                    action.accept(segment);
                }
            }
        };
    }

    @Test
    void contentWordsComeBackWithTimingsAndProgress() {
        Transcriber transcriber = pocketsphinx();
        EngineInfo engine = transcriber.awaitReady();
        assertEquals(List.of("pocketsphinx", "cpu"), List.of(engine.engine(), engine.device()));

        List<Segment> heard = new CopyOnWriteArrayList<>();
        List<double[]> progress = new CopyOnWriteArrayList<>();
        Transcript transcript = transcriber.transcribe("words", speech, WORDS, speechS, new TranscriptionListener() {
            @Override
            public void onSegment(Segment segment) {
                heard.add(segment);
            }

            @Override
            public void onProgress(double decodedS, double durationS) {
                progress.add(new double[]{decodedS, durationS});
            }
        });

        Set<String> words = new HashSet<>();
        transcript.segments().forEach(s -> s.words().forEach(w -> words.add(w.text().strip())));
        words.retainAll(SpeechFixtures.CONTENT_WORDS);
        assertTrue(words.size() >= 2, "content words of '" + SpeechFixtures.TEXT + "' in " + transcript.segments());
        assertEquals(transcript.segments(), heard, "the listener saw every segment, in order");
        assertEquals(heard.size(), progress.size());
        assertTrue(progress.stream().allMatch(p -> p[0] > 0 && p[0] <= p[1] + 0.01 && Math.abs(p[1] - speechS) < 0.01));
        assertEquals("pocketsphinx", transcript.info().engine());
        assertEquals("en", transcript.info().language());
        assertEquals(speechS, transcript.info().durationS(), 0.01);
        List<Word> all = transcript.segments().stream().flatMap(s -> s.words().stream()).toList();
        assertTrue(all.get(all.size() - 1).end() <= speechS + 0.05 && all.get(all.size() - 1).end() > speechS / 2,
                "word times are seconds within the audio");
    }

    @Test
    void killedSidecarFailsItsJobClearlyAndTheNextJobWorks() {
        Transcriber transcriber = pocketsphinx();
        transcriber.awaitReady();
        long killed = transcriber.sidecarPid().orElseThrow();

        SidecarException error = assertThrows(SidecarException.class, () -> transcriber.transcribe("doomed", longJob, WORDS,
                longJobS, onFirstSegment(s -> ProcessHandle.of(killed).orElseThrow().destroyForcibly())));

        assertEquals(SidecarException.SIDECAR_FAILED, error.errorType());
        assertTrue(error.getMessage().contains("was killed by signal 9 (SIGKILL"), error.getMessage());
        assertTrue(error.getMessage().contains("during job doomed"), error.getMessage());
        assertTrue(error.getMessage().contains("restarted"), error.getMessage());
        Transcript next = transcriber.transcribe("next", speech, WORDS, speechS, TranscriptionListener.NONE);
        assertFalse(next.segments().isEmpty());
        assertNotEquals(killed, transcriber.sidecarPid().orElseThrow());
    }

    @Test
    void cooperativeCancelKeepsTheSameSidecar() {
        Transcriber transcriber = pocketsphinx();
        transcriber.awaitReady();
        long pid = transcriber.sidecarPid().orElseThrow();

        TranscriptionCancelledException cancelled = assertThrows(TranscriptionCancelledException.class,
                () -> transcriber.transcribe("unwanted", longJob, WORDS, longJobS, onFirstSegment(s -> transcriber.cancel("unwanted"))));

        assertEquals("job unwanted was cancelled", cancelled.getMessage());
        assertEquals(pid, transcriber.sidecarPid().orElseThrow(), "no restart");
        assertFalse(transcriber.transcribe("next", speech, WORDS, speechS, TranscriptionListener.NONE).segments().isEmpty());
        assertEquals(pid, transcriber.sidecarPid().orElseThrow());
    }

    @Test
    void aSidecarThatIgnoresCancelIsKilledAfterTheGracePeriod() {
        Transcriber transcriber = transcriber(settings("pocketsphinx", python(), Duration.ofMillis(500), 10, Duration.ofSeconds(120)));
        transcriber.awaitReady();
        long frozen = transcriber.sidecarPid().orElseThrow();

        long started = System.nanoTime();
        TranscriptionCancelledException cancelled = assertThrows(TranscriptionCancelledException.class,
                () -> transcriber.transcribe("stuck", longJob, WORDS, longJobS, onFirstSegment(s -> {
                    freeze(frozen); // a sidecar stuck inside the engine cannot answer
                    transcriber.cancel("stuck");
                })));

        assertTrue(cancelled.getMessage().contains("did not stop within 500 ms (WORKER_SIDECAR_CANCEL_GRACE_MS), so it was killed and restarted"),
                cancelled.getMessage());
        assertTrue(System.nanoTime() - started < TimeUnit.SECONDS.toNanos(60));
        assertFalse(ProcessHandle.of(frozen).map(ProcessHandle::isAlive).orElse(false), "the stuck sidecar is gone");
        transcriber.awaitReady();
        assertNotEquals(frozen, transcriber.sidecarPid().orElseThrow());
    }

    @Test
    void aJobPastItsTimeLimitFailsClearlyAndTheSidecarIsReplaced() {
        Transcriber transcriber = transcriber(settings("pocketsphinx", python(), Duration.ofSeconds(5), 0.01, Duration.ofMillis(1500)));
        transcriber.awaitReady();
        long slow = transcriber.sidecarPid().orElseThrow();

        SidecarException error = assertThrows(SidecarException.class,
                () -> transcriber.transcribe("slow", longJob, WORDS, longJobS, TranscriptionListener.NONE));

        assertTrue(error.getMessage().startsWith("job slow did not finish within 1500 ms (WORKER_TRANSCRIBE_TIMEOUT_FACTOR=0.01"),
                error.getMessage());
        assertTrue(error.getMessage().endsWith("the sidecar was killed and restarted"), error.getMessage());
        assertFalse(ProcessHandle.of(slow).map(ProcessHandle::isAlive).orElse(false));
        transcriber.awaitReady();
        assertNotEquals(slow, transcriber.sidecarPid().orElseThrow());
    }

    @Test
    void aJobTheEngineRefusesFailsWithItsReasonAndTheSidecarStays() {
        Transcriber transcriber = pocketsphinx();
        transcriber.awaitReady();
        long pid = transcriber.sidecarPid().orElseThrow();

        SidecarException error = assertThrows(SidecarException.class, () -> transcriber.transcribe("burmese", speech,
                new TranscribeOptions("my", "transcribe", false, false, 5, null, 1), speechS, TranscriptionListener.NONE));

        assertEquals("unsupported", error.errorType());
        assertTrue(error.getMessage().contains("only knows English"), error.getMessage());
        assertTrue(error.getMessage().contains("WORKER_ENGINE=faster-whisper"), error.getMessage());
        assertEquals(pid, transcriber.sidecarPid().orElseThrow());
    }

    @Test
    void aSecondJobWhileOneRunsIsRefusedAndTheFirstGoesOn() throws Exception {
        // callers queue in the pipeline's EngineSlots (EngineSlotsTest covers waiting and cancel while waiting)
        Transcriber transcriber = pocketsphinx();
        transcriber.awaitReady();
        CompletableFuture<Void> firstStarted = new CompletableFuture<>();
        CompletableFuture<Transcript> first = CompletableFuture.supplyAsync(() -> transcriber.transcribe("first", longJob, WORDS,
                longJobS, onFirstSegment(s -> firstStarted.complete(null))));
        firstStarted.get(60, TimeUnit.SECONDS);

        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> transcriber.transcribe("second", speech, WORDS, speechS, TranscriptionListener.NONE));
        assertTrue(refused.getMessage().contains("job first is being transcribed"), refused.getMessage());
        transcriber.cancel("second"); // no longer known: ignored
        assertFalse(first.isDone(), "the first job still runs");

        transcriber.cancel("first");
        ExecutionException firstFailed = assertThrows(ExecutionException.class, () -> first.get(30, TimeUnit.SECONDS));
        assertInstanceOf(TranscriptionCancelledException.class, firstFailed.getCause());
        assertFalse(transcriber.transcribe("third", speech, WORDS, speechS, TranscriptionListener.NONE).segments().isEmpty(),
                "the engine takes the next job once the first has ended");
    }

    @Test
    void anEngineThatCannotLoadIsAClearStartFailure() {
        Transcriber transcriber = transcriber(settings("faster-whisper", python(), Duration.ofSeconds(5), 1, Duration.ofSeconds(10)));

        SidecarException error = assertThrows(SidecarException.class, transcriber::awaitReady);

        assertEquals("engine_load_failed", error.errorType());
        assertTrue(error.getMessage().startsWith("the speech engine did not load (WORKER_ENGINE=faster-whisper)"), error.getMessage());
        assertTrue(error.getMessage().contains("No module named 'faster_whisper'"), error.getMessage());
    }

    @Test
    void aMissingInterpreterIsAClearStartFailure() {
        Transcriber transcriber = transcriber(settings("pocketsphinx", "/nonexistent/python3", Duration.ofSeconds(5), 1, Duration.ofSeconds(10)));

        SidecarException error = assertThrows(SidecarException.class, transcriber::awaitReady);

        assertTrue(error.getMessage().startsWith("could not start the speech engine sidecar with WORKER_PYTHON=/nonexistent/python3"),
                error.getMessage());
    }

    /** SIGSTOP, then waits until every thread of the process is stopped. */
    private static void freeze(long pid) {
        try {
            Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(pid)).start();
            assertEquals(0, kill.waitFor());
            long giveUp = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!allThreadsStopped(pid)) {
                assertTrue(System.nanoTime() < giveUp, "pid " + pid + " did not stop");
                Thread.sleep(10);
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean allThreadsStopped(long pid) throws IOException {
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            return tasks.allMatch(task -> {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    char state = stat.charAt(stat.lastIndexOf(')') + 2);
                    return state == 'T' || state == 't';
                } catch (IOException e) {
                    return true; // the thread is gone
                }
            });
        }
    }
}
