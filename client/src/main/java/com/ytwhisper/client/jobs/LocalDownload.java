package com.ytwhisper.client.jobs;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code --local-download}: yt-dlp on this machine (a home address passes YouTube's blocks of data
 * centre addresses) fetches the audio into a private folder. Hardened as in the worker: no config
 * files, one item, fixed file name, {@code --} before the URL.
 */
public class LocalDownload {

    private final String ytDlp;
    private final Duration timeout;

    public LocalDownload(String ytDlp, Duration timeout) {
        this.ytDlp = ytDlp;
        this.timeout = timeout;
    }

    /** Downloads the best audio of {@code url} into {@code dir} and returns the file. */
    public Path fetch(String url, Path dir) {
        List<String> command = List.of(ytDlp, "--ignore-config", "--no-playlist", "-I", "1", "--no-progress",
                "--restrict-filenames", "-P", dir.toString(), "-o", "media.%(ext)s", "-f", "ba/b", "-x",
                "--print", "after_move:filepath", "--no-simulate", "--", url);
        Path log = dir.resolve("yt-dlp.log");
        Path out = dir.resolve("yt-dlp.out");
        try {
            Files.createDirectories(dir);
            Process process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectOutput(out.toFile()).redirectError(log.toFile()).start();
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new IllegalStateException("local download: yt-dlp took longer than " + timeout.toMinutes()
                        + " min (YTW_LOCAL_DOWNLOAD_TIMEOUT)");
            }
            String printed = Files.readString(out, StandardCharsets.UTF_8).strip();
            if (process.exitValue() != 0 || printed.isEmpty()) {
                throw new IllegalStateException("local download: yt-dlp " + (process.exitValue() != 0
                        ? "failed (exit " + process.exitValue() + ")" : "saved nothing") + ": " + lastLine(log));
            }
            Path file = Path.of(printed.lines().reduce((a, b) -> b).orElseThrow());
            if (!Files.isRegularFile(file) || !file.toAbsolutePath().startsWith(dir.toAbsolutePath())) {
                throw new IllegalStateException("local download: yt-dlp reported an unexpected file " + file);
            }
            return file;
        } catch (IOException e) {
            throw new IllegalStateException("local download: cannot run " + ytDlp + " (" + e.getMessage()
                    + "); install yt-dlp or set YTW_YT_DLP", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("local download interrupted", e);
        }
    }

    private static String lastLine(Path log) throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank())
                .reduce((a, b) -> b).orElse("(no message)");
    }
}
