package com.ytwhisper.worker.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every long option the worker passes is one the installed yt-dlp defines under that exact name:
 * yt-dlp also accepts unambiguous prefixes and deprecated aliases (such as {@code --match-filter}
 * for {@code --match-filters}), which a later release may take away or make ambiguous.
 */
@ExternalProcesses
class YtDlpOptionsTest {

    private static final Pattern DEFINED = Pattern.compile("^\\s+(?:-\\S+, )?(--[a-z0-9-]+)", Pattern.MULTILINE);

    @Test
    void everyLongOptionIsSpelledAsYtDlpDefinesIt() throws Exception {
        Process help = new ProcessBuilder("yt-dlp", "--ignore-config", "--help").redirectErrorStream(true).start();
        String text = new String(help.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, help.waitFor(), text);
        Set<String> defined = DEFINED.matcher(text).results().map(m -> m.group(1)).collect(Collectors.toSet());
        assertTrue(defined.contains("--match-filters"), "yt-dlp --help lists no --match-filters");

        DownloadLimits limits = new DownloadLimits(Duration.ofHours(4), 50_000_000, Duration.ofSeconds(90));
        List<String> command = new YtDlpCommand("yt-dlp", "/usr/bin/ffmpeg", limits, Duration.ofSeconds(5))
                .build("https://example.com/v", Path.of("/tmp/job"), "http://127.0.0.1:1", Path.of("/tmp/cookies.txt"));
        List<String> unknown = command.stream().filter(w -> w.startsWith("--") && !w.equals("--"))
                .filter(w -> !defined.contains(w)).toList();
        assertEquals(List.of(), unknown, "options yt-dlp does not define under that name");
    }
}
