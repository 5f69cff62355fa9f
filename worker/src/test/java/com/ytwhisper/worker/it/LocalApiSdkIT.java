package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runpod's official JavaScript SDK ({@code runpod-sdk}, pinned in {@code src/test/node/package.json}
 * and its lockfile) against the real jar's local API: {@code src/test/node/sdk-check.mjs} runs
 * run + status, runSync with a 2-s wait on a longer job, stream, a webhook, cancel, purgeQueue and
 * health. Needs {@code node} and {@code npm ci} in {@code src/test/node} ({@code .ci/run} does both);
 * without them the test fails and says so, it never skips.
 */
class LocalApiSdkIT {

    private static final Pattern LISTENING = Pattern.compile("local API listening on (http://[^/]+)/v2/");
    private static final Path NODE_DIR = Path.of("src/test/node");

    @TempDir
    Path dir;

    @Test
    void theOfficialJavaScriptSdkWorksAgainstTheLocalApi() throws Exception {
        assertTrue(Files.isRegularFile(NODE_DIR.resolve("node_modules/runpod-sdk/package.json")),
                "runpod-sdk is not installed in worker/" + NODE_DIR + ": run 'npm ci' there (.ci/run does)");
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech());
             ChildProcess worker = WorkerJar.start(Map.of(
                     // the media server and the script's webhook receiver, both on loopback
                     "WORKER_ALLOW_PRIVATE_URLS", "127.0.0.1/32",
                     "WORKER_OUTPUT_DIR", dir.resolve("out").toString()),
                     dir, "--rp_serve_api", "--rp_api_port", "0")) {
            worker.awaitLog(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(90), "the listening address");
            Matcher m = LISTENING.matcher(worker.stderr());
            assertTrue(m.find());
            long size = Files.size(media.speech().mp4());
            Map<String, String> env = Map.of(
                    "YTW_BASE_URL", m.group(1) + "/v2",
                    "YTW_FAST_MEDIA", media.url("/speech.mp4"),
                    // over about 3 s, so runSync's 2-s wait ends first
                    "YTW_SLOW_MEDIA", media.url("/speech.mp4?rate=" + Math.max(1, size / 3)),
                    "YTW_STALLED_MEDIA", media.url("/speech.mp4?rate=" + Math.max(1, size / 600)));
            ChildProcess node;
            try {
                node = ChildProcess.start(List.of("node", "sdk-check.mjs"), env, NODE_DIR);
            } catch (RuntimeException e) {
                throw new AssertionError("cannot run node (install Node.js; .ci/run does): " + e.getMessage(), e);
            }
            try (node) {
                int exit = node.waitFor(Duration.ofMinutes(6));
                assertEquals(0, exit, "sdk-check.mjs failed:\n" + node.stdout() + node.stderr()
                        + "\n--- worker log (tail) ---\n" + tail(worker.stderr(), 8000));
            }
            worker.terminate();
            assertEquals(0, worker.waitFor(Duration.ofSeconds(30)));
        }
    }

    private static String tail(String text, int chars) {
        return text.length() <= chars ? text : text.substring(text.length() - chars);
    }
}
