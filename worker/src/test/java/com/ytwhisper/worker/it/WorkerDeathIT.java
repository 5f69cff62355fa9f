package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.worker.process.Running;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the worker JVM while yt-dlp's ffmpeg converts: the download tools and the engine
 * sidecar must end with it. The worker gets a paced ffmpeg, a test stand-in that runs the real
 * ffmpeg with {@code -re} (input read at its natural speed), so the conversion lasts as long as
 * the audio and the kill lands inside it.
 */
class WorkerDeathIT {

    static PlatformWorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        Path tools = Files.createTempDirectory("ytw-paced-ffmpeg");
        Path ffmpeg = tools.resolve("ffmpeg");
        Files.writeString(ffmpeg, """
                #!/bin/sh
                # Test stand-in: the real ffmpeg, reading its input at natural speed (-re before each -i).
                for a do
                  shift
                  [ "$a" = "-i" ] && set -- "$@" -re
                  set -- "$@" "$a"
                done
                exec %s "$@"
                """.formatted(onPath("ffmpeg")));
        Files.setPosixFilePermissions(ffmpeg, PosixFilePermissions.fromString("rwx------"));
        // yt-dlp looks for ffprobe beside the ffmpeg it is given
        Files.createSymbolicLink(tools.resolve("ffprobe"), Path.of(onPath("ffprobe")));
        String text = String.join(" ", java.util.Collections.nCopies(3, SpeechFixtures.TEXT));
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(text), Map.of("WORKER_FFMPEG", ffmpeg.toString()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    static String onPath(String name) {
        for (String dir : System.getenv("PATH").split(":")) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p.toString();
            }
        }
        throw new AssertionError(name + " is not on the PATH");
    }

    @Test
    void killingTheWorkerEndsYtDlpFfmpegAndTheSidecar() throws Exception {
        fixture.emulator.enqueue("killed-worker", "{\"youtube_url\":\"" + fixture.media.url("/speech.mp4") + "\"}");
        long deadline = System.currentTimeMillis() + 90_000;
        while (converting().isEmpty() && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
        }
        assertFalse(converting().isEmpty(), "yt-dlp's ffmpeg never ran");
        List<ProcessHandle> tools = ProcessHandle.of(fixture.worker.pid()).orElseThrow().descendants()
                .filter(p -> List.of("yt-dlp", "ffmpeg", "ytw_sidecar").stream()
                        .anyMatch(w -> p.info().commandLine().orElse("").contains(w)))
                .toList();
        assertTrue(tools.size() >= 3, "yt-dlp, ffmpeg and the sidecar: " + describe(tools));

        ProcessHandle.of(fixture.worker.pid()).orElseThrow().destroyForcibly(); // SIGKILL
        Thread.sleep(3_000);

        List<ProcessHandle> left = tools.stream().filter(p -> Running.isRunning(p.pid())).toList();
        try {
            assertEquals(List.of(), left, "still running 3 s after the worker's death: " + describe(left));
        } finally {
            left.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** yt-dlp's ffmpeg at work (its command reads the downloaded media). */
    private static List<ProcessHandle> converting() {
        return WorkerJar.children(fixture.worker, "ffmpeg").stream()
                .filter(p -> p.info().commandLine().orElse("").contains(" -re ")
                        && p.info().commandLine().orElse("").contains("media.")).toList();
    }

    private static String describe(List<ProcessHandle> processes) {
        return processes.stream().map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList().toString();
    }
}
