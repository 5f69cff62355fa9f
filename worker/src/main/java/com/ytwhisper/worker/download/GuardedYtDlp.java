package com.ytwhisper.worker.download;

import com.ytwhisper.worker.egress.ConfinedPython;
import com.ytwhisper.worker.egress.EgressGuard;
import com.ytwhisper.worker.process.ChildProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Every yt-dlp run of the worker goes through here: yt-dlp (and the ffmpeg it starts) can reach
 * nothing but the given job's {@link EgressGuard}. HTTP(S) goes through the guard as a proxy; any
 * other connection, name lookup or program a download is led to is refused inside yt-dlp's Python
 * process ({@link ConfinedPython}). Use it for any extra invocation too, e.g. a metadata probe:
 * {@code new ProcessBuilder(...)} of yt-dlp anywhere else would bypass the guard.
 */
public final class GuardedYtDlp {

    /** Environment variables yt-dlp may see; everything else (credentials included) stays with the worker. */
    private static final Set<String> PASSED_ENV = Set.of("PATH", "HOME", "LANG", "LC_ALL", "LC_CTYPE", "TZ", "TMPDIR",
            "XDG_CACHE_HOME", "SSL_CERT_FILE", "SSL_CERT_DIR");
    private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(60);

    private final ConfinedPython python;

    /**
     * @throws IllegalArgumentException naming {@code WORKER_YTDLP} when it is a program whose
     *                                  connections cannot be confined (a compiled build, a shell wrapper)
     */
    public GuardedYtDlp(Tools tools) {
        this.python = new ConfinedPython("WORKER_YTDLP", tools.ytdlp(), List.of(tools.ffmpeg(), "ffmpeg"),
                List.of(tools.ffprobe(), "ffprobe"));
        python.requireConfinable();
    }

    /**
     * A process builder for yt-dlp with {@code args}, run in {@code dir} (a private job folder the
     * caller deletes), confined to {@code guard}. Adds {@code --proxy} with the guard's address
     * unless {@code args} already name it; the caller keeps {@code --ignore-config} and {@code --}.
     *
     * @throws IOException when yt-dlp is not found or {@code dir} is not writable
     */
    public ProcessBuilder builder(List<String> args, Path dir, EgressGuard guard) throws IOException {
        List<String> all = new ArrayList<>();
        if (!args.contains("--proxy")) {
            all.addAll(List.of("--proxy", guard.proxyUrl()));
        }
        all.addAll(args);
        return confined(all, dir, guard.proxyUrl(), guard.port());
    }

    /**
     * yt-dlp's version, e.g. {@code 2023.03.04}; runs {@code yt-dlp --version} confined to no port.
     *
     * @throws IOException when yt-dlp cannot be run or says nothing
     */
    public String version() throws IOException {
        Path dir = Files.createTempDirectory("ytw-ytdlp-version");
        try {
            Process process = confined(List.of("--ignore-config", "--version"), dir, "http://127.0.0.1:9", 0)
                    .redirectErrorStream(true).start();
            process.getOutputStream().close();
            ProcessOutput out = ProcessOutput.start(process.getInputStream(), line -> { }, "yt-dlp-version");
            if (!process.waitFor(VERSION_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                ChildProcesses.killTree(process.toHandle(), Duration.ofSeconds(5));
                throw new IOException("yt-dlp --version took longer than " + VERSION_TIMEOUT.toSeconds() + " s");
            }
            List<String> lines = out.lines();
            if (process.exitValue() != 0 || lines.isEmpty()) {
                throw new IOException("yt-dlp --version failed" + (lines.isEmpty() ? "" : ": " + lines.get(lines.size() - 1)));
            }
            return lines.get(lines.size() - 1).strip();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        } finally {
            PrivateFolders.deleteQuietly(dir.resolve("ytw-confine.py"));
            PrivateFolders.deleteQuietly(dir);
        }
    }

    private ProcessBuilder confined(List<String> args, Path dir, String proxyUrl, int guardPort) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(python.command(args, dir)).directory(dir.toFile());
        Map<String, String> env = builder.environment();
        restrictEnvironment(env, proxyUrl);
        env.putAll(python.environment(guardPort));
        return builder;
    }

    /** Only harmless variables, and the guard as the proxy for anything that reads these variables. */
    static void restrictEnvironment(Map<String, String> env, String proxyUrl) {
        env.keySet().removeIf(name -> !PASSED_ENV.contains(name));
        env.put("http_proxy", proxyUrl);
        env.put("https_proxy", proxyUrl);
        env.put("HTTP_PROXY", proxyUrl);
        env.put("HTTPS_PROXY", proxyUrl);
        env.put("PYTHONIOENCODING", "utf-8");
    }
}
