package com.ytwhisper.worker.download;

import com.ytwhisper.worker.ExternalProcesses;
import com.ytwhisper.worker.egress.UrlRefusedException;
import com.ytwhisper.worker.egress.UrlPolicy;
import com.ytwhisper.worker.egress.EgressGuard;
import com.ytwhisper.worker.egress.TrapListener;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.ytwhisper.testkit.media.MediaServer;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real yt-dlp, ffmpeg and ffprobe against the loopback media server. */
@ExternalProcesses
class YtDlpDownloaderTest {

    private static final DownloadLimits LIMITS = new DownloadLimits(Duration.ofHours(4), 50_000_000, Duration.ofSeconds(90));
    private static final EgressGuard.Settings GUARD = new EgressGuard.Settings(
            Duration.ofSeconds(5), Duration.ofSeconds(20), 16, Optional.empty());

    private static MediaServer media;
    private static MediaServer other;

    @TempDir
    Path temp;
    private Path jobDir;
    private final List<Integer> progress = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void startServers() {
        media = MediaServer.start();
        other = MediaServer.start();
    }

    @AfterAll
    static void stopServers() {
        media.close();
        other.close();
    }

    @BeforeEach
    void reset() {
        media.clearRequests();
        other.clearRequests();
        jobDir = temp.resolve("job");
    }

    private static YtDlpDownloader downloader(DownloadLimits limits) {
        return downloader(limits, "");
    }

    private static YtDlpDownloader downloader(DownloadLimits limits, String cookies) {
        return new YtDlpDownloader(UrlPolicy.of(media.hostPort(), ""), Tools.onPath(), limits, GUARD, cookies);
    }

    private DownloadedAudio download(YtDlpDownloader downloader, String url) {
        return downloader.start("youtube_url", url, jobDir, progress::add).await();
    }

    private DownloadException failure(YtDlpDownloader downloader, String url) {
        return assertThrows(DownloadException.class, () -> download(downloader, url));
    }

    private static void assertSpeechWav(DownloadedAudio audio) {
        Ffprobe.MediaInfo info = new Ffprobe("ffprobe", Duration.ofSeconds(30)).probe(audio.wav());
        assertEquals(16000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals("pcm_s16le", info.codec());
        assertTrue(audio.durationS() > 5 && audio.durationS() < 12, "speech lasts about 7 s: " + audio.durationS());
        assertEquals(info.durationS().getAsDouble(), audio.durationS(), 0.01);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/speech.mp4", "/speech.webm", "/page.html"})
    void downloadsThroughTheGuardToSpeechWav(String path) throws IOException {
        DownloadedAudio audio = download(downloader(LIMITS), media.url(path));
        assertSpeechWav(audio);
        assertEquals(jobDir.toAbsolutePath(), audio.wav().getParent());
        assertTrue(audio.bytesDownloaded() >= Files.size(media.speech().mp4()) / 2, "counted by the guard");
        assertFalse(progress.isEmpty());
        assertEquals(100, progress.get(progress.size() - 1));
        assertEquals(progress.stream().sorted().distinct().toList(), progress, "rising, each value once");
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://localhost:%d/speech.mp4", "http://127.1:%d/speech.mp4", "http://[::1]:%d/speech.mp4",
        "http://2130706433:%d/speech.mp4", "http://0x7f.1:%d/speech.mp4", "http://0.0.0.0:%d/speech.mp4",
        "http://017700000001:%d/speech.mp4", "http://169.254.169.254:%d/latest/meta-data/",
        "file:///etc/passwd#%d", "ftp://127.0.0.1:%d/speech.mp4"})
    void hostileUrlsAreRefusedBeforeAnythingIsFetched(String template) {
        YtDlpDownloader strict = new YtDlpDownloader(UrlPolicy.strict(), Tools.onPath(), LIMITS, GUARD, "");
        String url = String.format(template, media.port());
        UrlRefusedException e = assertThrows(UrlRefusedException.class,
                () -> strict.start("youtube_url", url, jobDir, progress::add));
        assertTrue(e.getMessage().startsWith("youtube_url"), e.getMessage());
        assertTrue(e.getMessage().matches(".*(loopback|unspecified|link-local|http or https).*"), e.getMessage());
        assertTrue(media.requests().isEmpty(), media.requests().toString());
        assertFalse(Files.exists(jobDir), "nothing was started");
    }

    @Test
    void optionLookingUrlsAndHugeStringsAreRefused() {
        Path marker = temp.resolve("pwned");
        for (String url : List.of("--exec=touch " + marker, "-o" + marker, "--exec", "x".repeat(1 << 20))) {
            UrlRefusedException e = assertThrows(UrlRefusedException.class,
                    () -> downloader(LIMITS).start("youtube_url", url, jobDir, progress::add));
            assertTrue(e.getMessage().startsWith("youtube_url"), e.getMessage());
            assertTrue(e.getMessage().length() < 400, "the message does not echo the input");
        }
        assertFalse(Files.exists(marker));
        assertTrue(media.requests().isEmpty());
    }

    /** Even past the policy, {@code --} keeps a URL from becoming an option (real yt-dlp, no shell). */
    @Test
    void doubleDashKeepsUrlsFromBecomingOptions() throws Exception {
        Path marker = temp.resolve("pwned");
        Files.createDirectories(jobDir);
        YtDlpCommand command = new YtDlpCommand("yt-dlp", "ffmpeg", LIMITS, Duration.ofSeconds(5));
        for (String url : List.of("--exec=touch " + marker, "-o" + marker)) {
            Process process = new ProcessBuilder(command.build(url, jobDir, "http://127.0.0.1:9", null))
                    .redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(process.waitFor(60, TimeUnit.SECONDS));
            assertTrue(process.exitValue() != 0, output);
            assertTrue(output.contains("is not a valid URL"), output);
        }
        assertFalse(Files.exists(marker), "no command ran and no file was written there");
        try (Stream<Path> files = Files.list(jobDir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void redirectToARefusedDestinationIsStoppedByTheGuard() {
        String target = other.url("/speech.mp4");
        String url = media.url("/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8));
        DownloadException e = failure(downloader(LIMITS), url);
        assertTrue(e.getMessage().contains("refused destination " + other.hostPort() + ": loopback address"), e.getMessage());
        assertTrue(e.getMessage().startsWith("could not download youtube_url"), e.getMessage());
        assertTrue(other.requests().isEmpty(), other.requests().toString());
        assertTrue(media.requests().stream().allMatch(r -> r.startsWith("GET /redirect")), media.requests().toString());

        media.clearRequests();
        String sameHostOtherAddress = "http://127.0.0.2:" + media.port() + "/speech.mp4";
        e = failure(downloader(LIMITS), media.url("/redirect?to=" + URLEncoder.encode(sameHostOtherAddress, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("refused destination 127.0.0.2:" + media.port()), e.getMessage());
        assertTrue(media.requests().stream().noneMatch(r -> r.startsWith("GET /speech.mp4")), media.requests().toString());
    }

    @Test
    void theProbeExtractsOnceAndTheDownloadReusesItsInfo() throws IOException {
        Path info = downloader(LIMITS).probe("youtube_url", media.url("/page.html"), jobDir).await();
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(info.toFile());
        assertEquals("HTML5MediaEmbed", json.path("extractor_key").asText(), "yt-dlp -J names the extractor");
        assertEquals(media.url("/speech.mp4"), json.path("formats").path(0).path("url").asText());
        assertTrue(media.requests().contains("GET /page.html"), media.requests().toString());

        media.clearRequests();
        DownloadedAudio audio = downloader(LIMITS).start("youtube_url", media.url("/page.html"), jobDir, progress::add,
                info).await();
        assertSpeechWav(audio);
        assertTrue(media.requests().stream().noneMatch(r -> r.contains("/page.html")),
                "the download extracted the page again: " + media.requests());
    }

    @Test
    void theProbeAnswersToTheGuardLikeTheDownload() {
        String url = media.url("/redirect?to=" + URLEncoder.encode(other.url("/speech.mp4"), StandardCharsets.UTF_8));
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(LIMITS).probe("youtube_url", url, jobDir).await());
        assertTrue(e.getMessage().contains("refused destination " + other.hostPort() + ": loopback address"), e.getMessage());
        assertTrue(other.requests().isEmpty(), other.requests().toString());

        YtDlpDownloader strict = new YtDlpDownloader(UrlPolicy.strict(), Tools.onPath(), LIMITS, GUARD, "");
        Path unused = temp.resolve("refused-job");
        assertThrows(UrlRefusedException.class, () -> strict.probe("youtube_url", media.url("/speech.mp4"), unused));
        assertFalse(Files.exists(unused), "nothing was started");
    }

    @Test
    void aProbeOfAMissingVideoIsTheDownloadsClearError() {
        DownloadException e = assertThrows(DownloadException.class,
                () -> downloader(LIMITS).probe("youtube_url", media.url("/missing.mp4"), jobDir).await());
        assertTrue(e.getMessage().contains("HTTP 404") && e.getMessage().contains("check the URL"), e.getMessage());
    }

    /** HLS: yt-dlp fetches the segment itself (the guard refuses it); as fake MP4, its ffprobe may not fetch it. */
    @ParameterizedTest
    @ValueSource(strings = {"/playlist.m3u8", "/playlist.mp4"})
    void playlistSegmentsOnRefusedDestinationsAreNeverFetched(String path) {
        String segment = other.url("/speech.mp4");
        DownloadException e = failure(downloader(LIMITS),
                media.url(path + "?segment=" + URLEncoder.encode(segment, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains(path.endsWith("m3u8") ? "refused destination " + other.hostPort()
                : "no audio that could be read"), e.getMessage());
        assertTrue(other.requests().isEmpty(), other.requests().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://127.0.0.1:70/x"})
    void aRedirectToARefusedSchemeIsNamedAsThat(String target) {
        String scheme = target.substring(0, target.indexOf(':'));
        DownloadException e = failure(downloader(LIMITS), media.url("/redirect?to=" + URLEncoder.encode(target, StandardCharsets.UTF_8)));
        assertTrue(e.getMessage().contains("redirected to a " + scheme + ": address"), e.getMessage());
        assertFalse(e.getMessage().contains("HTTP 302"), e.getMessage());
    }

    @Test
    void aMediaHostThatRefusesTheConnectionIsNamedNotTheGuards502() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closed = s.getLocalPort();
        }
        YtDlpDownloader downloader = new YtDlpDownloader(UrlPolicy.of("127.0.0.1:" + closed, ""), Tools.onPath(), LIMITS,
                GUARD, "");
        DownloadException e = failure(downloader, "http://127.0.0.1:" + closed + "/speech.mp4");
        assertTrue(e.getMessage().contains("could not connect to 127.0.0.1:" + closed + ": connection refused"), e.getMessage());
        assertFalse(e.getMessage().contains("502"), e.getMessage());
    }

    @Test
    void notFoundIsAClearError() {
        DownloadException e = failure(downloader(LIMITS), media.url("/missing.mp4"));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        assertTrue(e.getMessage().contains("check the URL"), e.getMessage());
    }

    @Test
    void durationLimitFromTheAudio() {
        DownloadLimits threeSeconds = new DownloadLimits(Duration.ofSeconds(3), 50_000_000, Duration.ofSeconds(90));
        DownloadException e = failure(downloader(threeSeconds), media.url("/speech.mp4"));
        assertTrue(e.getMessage().contains("longer than the limit of 3 s (WORKER_MAX_DURATION_S)"), e.getMessage());
    }

    @Test
    void durationLimitFromPageMetadataStopsBeforeTheDownload() throws IOException {
        DownloadException e = failure(downloader(LIMITS), media.url("/long.html"));
        assertTrue(e.getMessage().contains("WORKER_MAX_DURATION_S"), e.getMessage());
        try (Stream<Path> files = Files.list(jobDir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("media")), "no media saved");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"/speech.mp4", "/speech.mp4?chunked=1"})
    void sizeLimitWithAndWithoutContentLength(String path) {
        DownloadLimits small = new DownloadLimits(Duration.ofHours(4), 20_000, Duration.ofSeconds(90));
        DownloadException e = failure(downloader(small), media.url(path));
        assertTrue(e.getMessage().contains("larger than the limit of 20000 bytes (WORKER_MAX_DOWNLOAD_BYTES)"), e.getMessage());
    }

    @Test
    void timeoutEndsTheDownload() {
        DownloadLimits quick = new DownloadLimits(Duration.ofHours(4), 50_000_000, Duration.ofMillis(2500));
        long start = System.nanoTime();
        DownloadException e = failure(downloader(quick), media.url("/speech.mp4?rate=4000"));
        assertTrue(e.getMessage().contains("WORKER_DOWNLOAD_TIMEOUT_S"), e.getMessage());
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toSeconds() < 12, "ends near the limit, not at the end of the file");
    }

    @Test
    void cancelEndsTheProcessTreeAndLeavesARemovableFolder() throws Exception {
        AudioTask task = downloader(LIMITS).start("youtube_url", media.url("/speech.mp4?rate=4000"), jobDir, progress::add);
        CompletableFuture<Throwable> outcome = CompletableFuture.supplyAsync(() -> {
            try {
                task.await();
                return null;
            } catch (Throwable t) {
                return t;
            }
        });
        await("the download has started").atMost(Duration.ofSeconds(30)).until(() -> !progress.isEmpty());
        ProcessHandle root = ProcessHandle.of(task.pid()).orElseThrow();
        List<ProcessHandle> tree = Stream.concat(Stream.of(root), root.descendants()).toList();

        task.cancel();

        assertTrue(outcome.get(30, TimeUnit.SECONDS) instanceof DownloadCancelledException);
        assertTrue(tree.stream().noneMatch(ProcessHandle::isAlive), "yt-dlp and its children are gone");
        try (Stream<Path> walk = Files.walk(jobDir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertFalse(Files.exists(jobDir));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/redirect?to=", "/playlist.m3u8?segment="})
    void aLeadToFtpIsRefusedInsideYtDlpEvenToAnAllowedAddress(String lead) {
        try (TrapListener trap = TrapListener.start()) {
            String ftp = "ftp://127.0.0.1:" + trap.port() + "/speech.mp4";
            YtDlpDownloader downloader = new YtDlpDownloader(UrlPolicy.of(media.hostPort() + ",127.0.0.1:" + trap.port(), ""),
                    Tools.onPath(), LIMITS, GUARD, "");

            DownloadException e = failure(downloader, media.url(lead + URLEncoder.encode(ftp, StandardCharsets.UTF_8)));

            assertTrue(e.getMessage().startsWith("could not download youtube_url: the download led to ftp://127.0.0.1:"
                    + trap.port() + ", which jobs may not reach"), e.getMessage());
            assertEquals(List.of(), trap.seen(), "the trap was reached");
        }
    }

    private static YtDlpVersion installedYtDlp() throws IOException {
        return YtDlpVersion.parse(new GuardedYtDlp(Tools.onPath()).version());
    }

    @Test
    void cookiesFromBase64ReachTheSiteAndAreRemovedAfterwards() throws IOException {
        Assumptions.assumeTrue(installedYtDlp().compareTo(YtDlpVersion.COOKIES_FIXED) >= 0,
                "the installed yt-dlp is too old for cookies (see the next test)");
        String jar = "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tc00kie-value\n";
        String base64 = Base64.getEncoder().encodeToString(jar.getBytes(StandardCharsets.UTF_8));
        assertSpeechWav(download(downloader(LIMITS, base64), media.url("/speech.mp4")));
        assertTrue(media.cookies().stream().anyMatch(c -> c.contains("session=c00kie-value")), media.cookies().toString());
        assertFalse(Files.exists(jobDir.resolve("cookies.txt")), "the private copy is deleted");
    }

    @Test
    void cookiesWithAYtDlpThatLeaksThemAcrossRedirectsAreRefusedAtStartUp() throws IOException {
        YtDlpVersion installed = installedYtDlp();
        Assumptions.assumeTrue(installed.compareTo(YtDlpVersion.COOKIES_FIXED) < 0, "the installed yt-dlp is fixed");
        String jar = "# Netscape HTTP Cookie File\n127.0.0.1\tFALSE\t/\tFALSE\t0\tsession\tc00kie-value\n";
        String base64 = Base64.getEncoder().encodeToString(jar.getBytes(StandardCharsets.UTF_8));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> downloader(LIMITS, base64));
        assertTrue(e.getMessage().startsWith("YTDLP_COOKIES"), e.getMessage());
        assertTrue(e.getMessage().contains("yt-dlp " + installed), e.getMessage());
        assertTrue(e.getMessage().contains("CVE-2023-35934") && e.getMessage().contains("2023.07.06 or newer"), e.getMessage());
        assertFalse(e.getMessage().contains("c00kie-value") || e.getMessage().contains(base64), "the value is never echoed");
    }

    @Test
    void unreadableCookiesSettingIsAClearStartupError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> downloader(LIMITS, "not-a-file-and-not-base64!"));
        assertTrue(e.getMessage().startsWith("YTDLP_COOKIES"), e.getMessage());
        assertFalse(e.getMessage().contains("not-a-file-and-not-base64"), "the value is never echoed");
    }

    @Test
    void missingYtDlpIsAClearError() {
        YtDlpDownloader broken = new YtDlpDownloader(UrlPolicy.of(media.hostPort(), ""),
                new Tools("/nonexistent/yt-dlp", "ffmpeg", "ffprobe"), LIMITS, GUARD, "");
        DownloadException e = assertThrows(DownloadException.class,
                () -> broken.start("youtube_url", media.url("/speech.mp4"), jobDir, progress::add));
        assertTrue(e.getMessage().contains("WORKER_YTDLP"), e.getMessage());
    }
}
