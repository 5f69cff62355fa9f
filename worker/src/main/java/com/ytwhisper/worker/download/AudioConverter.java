package com.ytwhisper.worker.download;

import com.ytwhisper.worker.process.ChildProcesses;
import com.ytwhisper.worker.egress.SafeUrl;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.nio.file.LinkOption;
import java.util.List;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * Turns a local media file (one fetched from S3, or yt-dlp's output when it skipped conversion)
 * into the 16 kHz mono 16-bit WAV the engine reads, with the same size and duration limits as a
 * download.
 */
public final class AudioConverter {

    private static final Logger LOG = Logger.getLogger(AudioConverter.class);
    private static final Duration MAX_PROBE_TIME = Duration.ofSeconds(60);
    static final String OUTPUT_NAME = "audio.wav";

    private final String ffmpeg;
    private final Ffprobe ffprobe;
    private final DownloadLimits limits;

    public AudioConverter(Tools tools, DownloadLimits limits) {
        this.ffmpeg = tools.ffmpeg();
        this.limits = limits;
        Duration probeTime = limits.timeout().compareTo(MAX_PROBE_TIME) < 0 ? limits.timeout() : MAX_PROBE_TIME;
        this.ffprobe = new Ffprobe(tools.ffprobe(), probeTime);
    }

    /**
     * Checks {@code input} and starts converting it to {@code jobDir/audio.wav}.
     *
     * @throws DownloadException when the input is over the size or duration limit or has no audio
     */
    public AudioTask start(Path input, Path jobDir) {
        long size;
        try {
            PrivateFolders.create(jobDir);
            size = Files.size(input);
        } catch (IOException e) {
            throw new DownloadException("the media file could not be read (" + e.getMessage() + ")");
        }
        if (size > limits.maxBytes()) {
            throw limits.tooBig();
        }
        Ffprobe.MediaInfo info = ffprobe.probe(input);
        if (!info.hasAudio()) {
            throw noAudio();
        }
        if (info.durationS().isPresent() && limits.exceeds(info.durationS().getAsDouble())) {
            throw limits.tooLong();
        }
        Path output = jobDir.resolve(OUTPUT_NAME);
        List<String> command = List.of(ffmpeg, "-nostdin", "-hide_banner", "-loglevel", "error",
                "-protocol_whitelist", "file", "-i", "file:" + input.toAbsolutePath(),
                "-map", "0:a:0", "-vn", "-sn", "-dn", "-ac", "1", "-ar", "16000", "-c:a", "pcm_s16le",
                "-t", limits.ffmpegCap(), "-f", "wav", "-y", "file:" + output.toAbsolutePath());
        Process process;
        try {
            process = ChildProcesses.start(new ProcessBuilder(command).redirectErrorStream(true));
        } catch (IOException e) {
            throw new DownloadException("ffmpeg could not be started (" + e.getMessage()
                    + "); install ffmpeg or point WORKER_FFMPEG at it");
        }
        ProcessOutput log = ProcessOutput.start(process.getInputStream(), line -> { }, "ffmpeg-" + process.pid());
        LOG.debugf("converting %s to 16 kHz mono WAV (pid %d)", input.getFileName(), process.pid());
        return new AudioTask(process, limits.timeout(), limits.tookTooLong(), exit -> {
            if (exit != 0 && DiskSpace.ranOut(jobDir, log.lines())) {
                throw DiskSpace.exhausted(jobDir, size, info.durationS());
            }
            if (exit != 0) {
                throw new DownloadException("the media could not be converted to audio (ffmpeg: "
                        + SafeUrl.scrub(ProcessOutput.reason(log.lines())) + "); give a playable video or audio file");
            }
            return checked(output, 0);
        }, () -> { });
    }

    /**
     * Returns {@code file} as the job's audio when it already is a 16 kHz mono 16-bit WAV within the
     * duration limit; converts it otherwise (yt-dlp leaves WAV input unconverted).
     */
    DownloadedAudio ensureSpeechWav(Path file, Path jobDir, long bytesDownloaded) {
        Ffprobe.MediaInfo info = ffprobe.probe(file);
        if (!isSpeechWav(info)) {
            DownloadedAudio converted = start(file, jobDir).await();
            return new DownloadedAudio(converted.wav(), converted.durationS(), bytesDownloaded);
        }
        return checked(file, bytesDownloaded, info);
    }

    /** The length of the media yt-dlp saved in {@code jobDir} (not yet converted), when it can be read. */
    OptionalDouble durationOfMedia(Path jobDir) {
        try (Stream<Path> files = Files.list(jobDir)) {
            Path media = files.filter(f -> f.getFileName().toString().startsWith("media.")
                    && !f.getFileName().toString().endsWith(".wav") && !f.getFileName().toString().endsWith(".part")
                    && Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).findFirst().orElse(null);
            return media == null ? OptionalDouble.empty() : ffprobe.probe(media).durationS();
        } catch (IOException | RuntimeException e) {
            return OptionalDouble.empty();
        }
    }

    private DownloadedAudio checked(Path wav, long bytesDownloaded) {
        return checked(wav, bytesDownloaded, ffprobe.probe(wav));
    }

    private DownloadedAudio checked(Path wav, long bytesDownloaded, Ffprobe.MediaInfo info) {
        if (!isSpeechWav(info) || info.durationS().isEmpty()) {
            throw noAudio();
        }
        double duration = info.durationS().getAsDouble();
        if (limits.exceeds(duration)) {
            throw limits.tooLong();
        }
        return new DownloadedAudio(wav, duration, bytesDownloaded);
    }

    private static boolean isSpeechWav(Ffprobe.MediaInfo info) {
        return info.sampleRate() == 16000 && info.channels() == 1 && info.codec().equals("pcm_s16le");
    }

    private static DownloadException noAudio() {
        return new DownloadException("the media has no audio track that could be read; give a video or audio file with sound");
    }
}
