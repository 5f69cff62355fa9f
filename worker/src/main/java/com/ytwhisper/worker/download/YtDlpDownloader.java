package com.ytwhisper.worker.download;

import com.ytwhisper.worker.process.ChildProcesses;
import com.ytwhisper.worker.egress.UrlRefusedException;
import com.ytwhisper.worker.egress.SafeUrl;
import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.egress.ConfinedPython;
import com.ytwhisper.worker.egress.EgressGuard;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.IntConsumer;
import org.jboss.logging.Logger;

/**
 * Downloads a job's URL with yt-dlp into a private job folder and leaves a 16 kHz mono WAV there.
 * Never a shell; the URL is checked by {@link UrlPolicy} first and every connection yt-dlp (or its
 * ffmpeg) makes goes through a per-job {@link EgressGuard}; anything else it is led to is refused
 * ({@link GuardedYtDlp}).
 */
public final class YtDlpDownloader {

    private static final Logger LOG = Logger.getLogger(YtDlpDownloader.class);

    private final UrlPolicy policy;
    private final DownloadLimits limits;
    private final EgressGuard.Settings guardSettings;
    private final Cookies cookies;
    private final YtDlpCommand command;
    private final GuardedYtDlp ytdlp;
    private final AudioConverter converter;

    /**
     * @param tools          yt-dlp, ffmpeg and ffprobe binaries
     * @param guardSettings  timeouts and upstream proxy ({@code YTDLP_PROXY}) of the egress guard
     * @param cookiesSetting {@code YTDLP_COOKIES}: path or base64 of a cookies.txt, or empty
     * @throws IllegalArgumentException naming {@code YTDLP_COOKIES} when it cannot be read or the installed
     *                                  yt-dlp would leak it, or {@code WORKER_YTDLP} when it cannot be confined
     */
    public YtDlpDownloader(UrlPolicy policy, Tools tools, DownloadLimits limits, EgressGuard.Settings guardSettings,
                           String cookiesSetting) {
        this.policy = policy;
        this.limits = limits;
        this.guardSettings = guardSettings;
        this.cookies = Cookies.of(cookiesSetting);
        this.command = new YtDlpCommand(tools.ytdlp(), tools.ffmpeg(), limits, guardSettings.idleTimeout());
        this.ytdlp = new GuardedYtDlp(tools);
        if (cookies.present()) {
            YtDlpVersion.requireSafeWithCookies(ytdlp, tools.ytdlp());
        }
        this.converter = new AudioConverter(tools, limits);
    }

    /**
     * Checks {@code url} and starts the download; the returned task's {@code await()} gives the WAV.
     *
     * @param field    the job field holding the URL ({@code youtube_url}, {@code audio_url}), for messages
     * @param jobDir   private folder for this job; created if missing; the caller deletes it
     * @param progress percent done (0-100) while downloading, each value once, called on a reader thread
     * @throws UrlRefusedException when the policy refuses the URL (nothing was fetched)
     */
    public AudioTask start(String field, String url, Path jobDir, IntConsumer progress) {
        return start(field, url, jobDir, progress, null);
    }

    /**
     * Like {@link #start(String, String, Path, IntConsumer)}, downloading from the info JSON of an
     * earlier {@link #probe} of the same URL (no second extraction) when {@code infoJson} is not null.
     */
    public AudioTask start(String field, String url, Path jobDir, IntConsumer progress, Path infoJson) {
        return guarded(field, url, jobDir, "the download", (guard, cookieFile, cleanup) -> {
            Process process = start(launch(command.build(url.strip(), jobDir, guard.proxyUrl(), cookieFile, infoJson),
                    jobDir, guard));
            List<String> confinedRefusals = new CopyOnWriteArrayList<>();
            IntConsumer onePerValue = onlyRising(progress);
            ProcessOutput out = ProcessOutput.start(process.getInputStream(),
                    line -> YtDlpProgress.percent(line).ifPresent(onePerValue), "yt-dlp-out-" + process.pid());
            ProcessOutput err = ProcessOutput.start(process.getErrorStream(),
                    refusalsOr(confinedRefusals, "yt-dlp"), "yt-dlp-err-" + process.pid());
            LOG.infof("downloading %s with yt-dlp (pid %d)", field, process.pid());
            return new AudioTask(process, limits.timeout(), limits.tookTooLong(),
                    exit -> finish(field, exit, jobDir, out, err, guard, confinedRefusals), cleanup);
        });
    }

    /**
     * Starts {@code yt-dlp -J} on {@code url} behind its own egress guard, exactly as a download is
     * launched; the returned probe's {@code await()} gives the info JSON file in {@code jobDir}.
     *
     * @throws UrlRefusedException when the policy refuses the URL (nothing was fetched)
     */
    public MetadataProbe probe(String field, String url, Path jobDir) {
        return guarded(field, url, jobDir, "the metadata probe", (guard, cookieFile, cleanup) -> {
            Path infoJson = jobDir.resolve(YtDlpCommand.INFO_JSON_FILE);
            Process process = start(launch(command.probe(url.strip(), guard.proxyUrl(), cookieFile), jobDir, guard)
                    .redirectOutput(infoJson.toFile()));
            List<String> confinedRefusals = new CopyOnWriteArrayList<>();
            ProcessOutput err = ProcessOutput.start(process.getErrorStream(),
                    refusalsOr(confinedRefusals, "yt-dlp -J"), "yt-dlp-probe-err-" + process.pid());
            LOG.infof("probing %s with yt-dlp -J (pid %d)", field, process.pid());
            return new MetadataProbe(process, limits.timeout(), limits.tookTooLong(), exit -> {
                if (!confinedRefusals.isEmpty()) {
                    throw YtDlpErrors.ledAway(field, confinedRefusals.get(0));
                }
                if (exit != 0) {
                    throw YtDlpErrors.explain(field, exit, err.lines(), guard.refusals(), guard.failures());
                }
                return infoJson;
            }, cleanup);
        });
    }

    /** Starts one yt-dlp run given its job's egress guard and cookies file; {@code cleanup} releases both. */
    @FunctionalInterface
    private interface GuardedRun<R extends RunningTool<?>> {
        R start(EgressGuard guard, Path cookieFile, Runnable cleanup) throws IOException;
    }

    /**
     * Checks {@code url}, then starts a run behind a fresh egress guard with the job's cookies; the
     * guard aborts the run when it passes the byte limit. On failure nothing is left running.
     */
    private <R extends RunningTool<?>> R guarded(String field, String url, Path jobDir, String what, GuardedRun<R> run) {
        policy.checkHttpUrl(field, url);
        Path cookieFile = null;
        EgressGuard guard = null;
        try {
            PrivateFolders.create(jobDir);
            cookieFile = cookies.writeInto(jobDir);
            AtomicReference<R> started = new AtomicReference<>();
            guard = EgressGuard.start(policy, guardSettings, limits.maxBytes(), () -> {
                R running = started.get();
                if (running != null) {
                    running.abort(limits.tooBig());
                }
            });
            EgressGuard finalGuard = guard;
            Path finalCookies = cookieFile;
            R running = run.start(guard, cookieFile, () -> {
                finalGuard.close();
                PrivateFolders.deleteQuietly(finalCookies);
            });
            started.set(running);
            if (guard.limitReached()) {
                running.abort(limits.tooBig());
            }
            return running;
        } catch (IOException | RuntimeException e) {
            if (guard != null) {
                guard.close();
            }
            PrivateFolders.deleteQuietly(cookieFile);
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new DownloadException(what + " could not start (" + e.getMessage()
                    + "); check that the worker's temp folder is writable");
        }
    }

    /** yt-dlp's stderr: a refusal inside the confined process is collected, anything else goes to the debug log. */
    private static Consumer<String> refusalsOr(List<String> refusals, String tool) {
        return line -> ConfinedPython.refusal(line).ifPresentOrElse(what -> {
            refusals.add(what);
            LOG.infof("%s was refused: %s", tool, SafeUrl.scrub(what));
        }, () -> LOG.debugf("%s: %s", tool, SafeUrl.scrub(line)));
    }

    /**
     * Every yt-dlp run (download and probe) is launched here: in the job folder, confined to the
     * job's guard ({@link GuardedYtDlp}). {@code commandLine} starts with the program, which the
     * confinement supplies itself.
     */
    private ProcessBuilder launch(List<String> commandLine, Path jobDir, EgressGuard guard) {
        try {
            return ytdlp.builder(commandLine.subList(1, commandLine.size()), jobDir, guard);
        } catch (IllegalArgumentException e) {
            throw new DownloadException(e.getMessage()); // WORKER_YTDLP was replaced by a form that cannot be confined
        } catch (IOException e) {
            throw new DownloadException("yt-dlp could not be started (" + e.getMessage()
                    + "); install yt-dlp or point WORKER_YTDLP at it");
        }
    }

    private static Process start(ProcessBuilder builder) {
        try {
            return ChildProcesses.start(builder);
        } catch (IOException e) {
            throw new DownloadException("yt-dlp could not be started (" + e.getMessage()
                    + "); install yt-dlp or point WORKER_YTDLP at it");
        }
    }

    private DownloadedAudio finish(String field, int exit, Path jobDir, ProcessOutput out, ProcessOutput err,
                                   EgressGuard guard, List<String> confinedRefusals) {
        List<String> lines = new ArrayList<>(err.lines());
        lines.addAll(out.lines());
        if (!confinedRefusals.isEmpty()) {
            // yt-dlp may carry on past a refused lead (skipped fragments, another format): the job still fails
            throw YtDlpErrors.ledAway(field, confinedRefusals.get(0));
        }
        if (exit != 0 && guard.refusals().isEmpty()) {
            // yt-dlp reports a conversion that filled the disk only as "Conversion failed!"
            OptionalDouble duration = converter.durationOfMedia(jobDir);
            if (DiskSpace.ranOut(jobDir, lines) || DiskSpace.tooLittleForWav(jobDir, duration)) {
                throw DiskSpace.exhausted(jobDir, guard.bytesReceived(), duration);
            }
        }
        if (exit != 0) {
            throw YtDlpErrors.explain(field, exit, lines, guard.refusals(), guard.failures());
        }
        Path saved = savedFile(jobDir);
        if (saved == null) {
            if (lines.stream().anyMatch(l -> l.contains("larger than max-filesize"))) {
                throw limits.tooBig();
            }
            if (lines.stream().anyMatch(l -> l.contains("does not pass filter"))) {
                throw new DownloadException("could not download " + field + ": the video is a live stream, or longer than "
                        + "the limit of " + limits.maxDuration().toSeconds() + " s (WORKER_MAX_DURATION_S); give a "
                        + "finished, shorter video or raise WORKER_MAX_DURATION_S");
            }
            throw YtDlpErrors.explain(field, exit, lines, guard.refusals(), guard.failures());
        }
        return converter.ensureSpeechWav(saved, jobDir, guard.bytesReceived());
    }

    /** The file yt-dlp reported, if it is a regular file directly inside the job folder. */
    private static Path savedFile(Path jobDir) {
        Path report = jobDir.resolve(YtDlpCommand.SAVED_PATH_FILE);
        try {
            if (!Files.isRegularFile(report, LinkOption.NOFOLLOW_LINKS)) {
                return null;
            }
            List<String> reported = Files.readAllLines(report);
            if (reported.isEmpty()) {
                return null;
            }
            Path file = Path.of(reported.get(reported.size() - 1).strip()).toAbsolutePath().normalize();
            boolean inside = file.getParent() != null
                    && file.getParent().equals(jobDir.toAbsolutePath().normalize());
            return inside && Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? file : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static IntConsumer onlyRising(IntConsumer progress) {
        AtomicInteger last = new AtomicInteger(-1);
        return percent -> {
            if (percent > last.get()) {
                last.set(percent);
                progress.accept(percent);
            }
        };
    }
}
