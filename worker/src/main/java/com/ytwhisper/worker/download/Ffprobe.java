package com.ytwhisper.worker.download;

import com.ytwhisper.worker.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;

/** Reads duration and audio layout of a local media file with ffprobe. */
public final class Ffprobe {

    /**
     * @param durationS   seconds, empty when the container does not say
     * @param sampleRate  of the first audio stream, 0 when there is none
     * @param channels    of the first audio stream, 0 when there is none
     */
    public record MediaInfo(OptionalDouble durationS, int sampleRate, int channels, String codec) {

        public boolean hasAudio() {
            return channels > 0;
        }
    }

    private final String binary;
    private final Duration timeout;

    /**
     * @param binary  {@code WORKER_FFPROBE}: name on PATH or path
     * @param timeout how long one probe may take
     */
    public Ffprobe(String binary, Duration timeout) {
        this.binary = binary;
        this.timeout = timeout;
    }

    /** Probes a local file; only the file protocol is allowed, so a playlist inside it cannot fetch URLs. */
    public MediaInfo probe(Path file) {
        List<String> command = List.of(binary, "-v", "error", "-protocol_whitelist", "file",
                "-select_streams", "a:0",
                "-show_entries", "format=duration:stream=codec_name,sample_rate,channels",
                "-of", "default=noprint_wrappers=1", "file:" + file.toAbsolutePath());
        Process process;
        try {
            process = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true));
        } catch (IOException e) {
            throw new DownloadException("ffprobe could not be started (" + e.getMessage()
                    + "); install ffmpeg or point WORKER_FFPROBE at ffprobe");
        }
        ProcessOutput output = ProcessOutput.start(process.getInputStream(), line -> { }, "ffprobe-output");
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                ChildProcesses.killTree(process.toHandle(), Duration.ofSeconds(5));
                throw new DownloadException("ffprobe took longer than " + timeout.toSeconds() + " s on the downloaded media");
            }
        } catch (InterruptedException e) {
            ChildProcesses.killTree(process.toHandle(), Duration.ofSeconds(5));
            Thread.currentThread().interrupt();
            throw new DownloadCancelledException();
        }
        List<String> lines = output.lines();
        if (process.exitValue() != 0) {
            throw new DownloadException("the media file could not be read (ffprobe: "
                    + ProcessOutput.reason(lines) + "); give a URL of a video or audio file");
        }
        Map<String, String> values = new HashMap<>();
        for (String line : lines) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.putIfAbsent(line.substring(0, eq), line.substring(eq + 1).strip());
            }
        }
        return new MediaInfo(decimal(values.get("duration")), (int) number(values.get("sample_rate")),
                (int) number(values.get("channels")), values.getOrDefault("codec_name", ""));
    }

    private static OptionalDouble decimal(String value) {
        try {
            double d = Double.parseDouble(value);
            return Double.isFinite(d) && d >= 0 ? OptionalDouble.of(d) : OptionalDouble.empty();
        } catch (NumberFormatException | NullPointerException e) {
            return OptionalDouble.empty();
        }
    }

    private static double number(String value) {
        return decimal(value).orElse(0);
    }
}
