package com.ytwhisper.worker.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.provider.CsvSource;

/** What the worker reads from yt-dlp: progress lines, error messages, and what it may see of the environment. */
class YtDlpOutputTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ytw-progress 1024 76451 NA NA NA | 1",
        "ytw-progress 76451 76451 NA NA NA | 100",
        "ytw-progress 5000 NA 10000 NA NA | 50",
        "ytw-progress 5000 NA NA 3 4 | 75",
        "ytw-progress 99999 100 NA NA NA | 100"})
    void progressPercent(String line, int percent) {
        assertEquals(OptionalInt.of(percent), YtDlpProgress.percent(line));
    }

    @ParameterizedTest
    @CsvSource({"ytw-progress NA NA NA NA NA", "[download] 42.0% of 1MiB", "ytw-progress 1 2"})
    void noProgressFromOtherLines(String line) {
        assertEquals(OptionalInt.empty(), YtDlpProgress.percent(line));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ERROR: [youtube] abc: Sign in to confirm you\u2019re not a bot. This helps protect our community. | YTDLP_COOKIES",
        "ERROR: [youtube] abc: Sign in to confirm you're not a bot | YTDLP_PROXY",
        "ERROR: [youtube] abc: Private video. Sign in if you've been granted access to this video | private",
        "ERROR: [youtube] abc: Sign in to confirm your age. This video may be inappropriate for some users. | age-restricted",
        "ERROR: [youtube] abc: The uploader has not made this video available in your country | YTDLP_PROXY",
        "ERROR: [youtube] abc: Video unavailable. This video has been removed by the uploader | not available",
        "ERROR: Unsupported URL: https://example.com/ | does not support this URL",
        "ERROR: [generic] None: Unable to download webpage: HTTP Error 404: Not Found (caused by ...) | HTTP 404",
        "ERROR: [youtube] abc: Unable to download API page: HTTP Error 429: Too Many Requests | rate-limiting",
        "ERROR: [youtube] abc: Unable to extract uploader id; please report this issue | too old",
        "ERROR: [generic] x: Requested format is not available | no downloadable"})
    void knownFailuresBecomeClearMessages(String line, String expected) {
        String message = YtDlpErrors.explain("youtube_url", List.of("[generic] Extracting URL", line), List.of(), List.of())
                .getMessage();
        assertTrue(message.startsWith("could not download youtube_url: "), message);
        assertTrue(message.contains(expected), message);
    }

    @Test
    void guardRefusalsComeFirstAndUnknownErrorsHideQueries() {
        String refused = YtDlpErrors.explain("audio_url", List.of("ERROR: HTTP Error 403: Forbidden"),
                List.of("refused destination 10.0.0.1:80: private address"), List.of()).getMessage();
        assertTrue(refused.contains("refused destination 10.0.0.1:80: private address"), refused);
        String unknown = YtDlpErrors.explain("youtube_url",
                List.of("ERROR: something odd at https://cdn.example/v.mp4?sig=SECRET&x=1"), List.of(), List.of()).getMessage();
        assertFalse(unknown.contains("SECRET"), unknown);
        assertTrue(unknown.contains("https://cdn.example/v.mp4?..."), unknown);
    }

    @Test
    void theGuardsOwn502IsReportedAsTheConnectionFailureBehindIt() {
        String message = YtDlpErrors.explain("youtube_url", 1,
                List.of("ERROR: [generic] Unable to download webpage: HTTP Error 502: Bad Gateway (caused by <HTTPError 502>)"),
                List.of(), List.of("could not connect to media.example:8443: Connection refused")).getMessage();
        assertEquals("could not download youtube_url: could not connect to media.example:8443: connection refused;"
                + " check the URL and that the media host is up, or set YTDLP_PROXY", message);
        String real502 = YtDlpErrors.explain("youtube_url", 1,
                List.of("ERROR: Unable to download webpage: HTTP Error 502: Bad Gateway"), List.of(), List.of()).getMessage();
        assertTrue(real502.contains("the server answered HTTP 502"), real502);
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///etc/passwd", "gopher://127.0.0.1:70/x", "data:text/plain,hello"})
    void aRedirectToARefusedSchemeIsNamedAsSuch(String target) {
        String scheme = target.substring(0, target.indexOf(':'));
        String message = YtDlpErrors.explain("youtube_url", 1, List.of("ERROR: [generic] Unable to download webpage: "
                + "HTTP Error 302: Found - Redirection to url '" + target + "' is not allowed (caused by <HTTPError 302>)"),
                List.of(), List.of()).getMessage();
        assertTrue(message.contains("redirected to a " + scheme + ": address"), message);
        assertFalse(message.contains("HTTP 302"), message);
        assertFalse(message.contains("passwd") || message.contains("hello"), message);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ERROR: ", "ERROR:", "", "   "})
    void aFailureWithoutAReasonNeverReadsAsEmptyParentheses(String line) {
        String message = YtDlpErrors.explain("youtube_url", 2, List.of(line), List.of(), List.of()).getMessage();
        assertFalse(message.contains("()"), message);
        assertTrue(message.contains("yt-dlp exited with code 2 without saying why"), message);
        String empty = YtDlpErrors.explain("youtube_url", 2, List.of(), List.of(), List.of()).getMessage();
        assertTrue(empty.contains("exited with code 2"), empty);
    }

    @Test
    void ytDlpSeesNoSecretsAndOnlyTheGuardAsProxy() {
        Map<String, String> env = new HashMap<>(Map.of("PATH", "/usr/bin", "HOME", "/home/w",
                "AWS_SECRET_ACCESS_KEY", "k", "YTDLP_COOKIES", "c", "RUNPOD_AI_API_KEY", "r",
                "no_proxy", "127.0.0.1,localhost", "NO_PROXY", "*", "all_proxy", "socks5://elsewhere:1080"));
        GuardedYtDlp.restrictEnvironment(env, "http://127.0.0.1:5555");
        assertEquals(Map.of("PATH", "/usr/bin", "HOME", "/home/w", "PYTHONIOENCODING", "utf-8",
                "http_proxy", "http://127.0.0.1:5555", "https_proxy", "http://127.0.0.1:5555",
                "HTTP_PROXY", "http://127.0.0.1:5555", "HTTPS_PROXY", "http://127.0.0.1:5555"), env);
    }
}
