package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real jar's local API against what a web page or a careless client sends: text/plain and
 * foreign Origin or Host refused, no Host 400, oversized input 413 (also chunked), a full queue 429;
 * and on a 384 MB heap, a flood of 9 MB inputs is answered 200 or 429, never 500.
 */
class LocalApiHardeningIT {

    private static final Pattern LISTENING = Pattern.compile("local API listening on http://127\\.0\\.0\\.1:(\\d+)/v2/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    record Raw(int status, String head, String body) {
    }

    @Test
    void webPagesCannotUseItAndFloodsCannotExhaustIt() throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech());
             ChildProcess worker = WorkerJar.start(Map.of("WORKER_ALLOW_PRIVATE_URLS", media.hostPort(),
                     "WORKER_LOCAL_MAX_QUEUED_JOBS", "3", "WORKER_OUTPUT_DIR", dir.resolve("out").toString(),
                     "JAVA_TOOL_OPTIONS", "-Xmx384m"),
                     dir, "--rp_serve_api", "--rp_api_port", "0")) {
            worker.awaitLog(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(90), "the listening address");
            Matcher m = LISTENING.matcher(worker.stderr());
            assertTrue(m.find());
            int port = Integer.parseInt(m.group(1));
            String job = "{\"input\":{\"youtube_url\":\"" + media.url("/speech.mp4?rate="
                    + Math.max(1, Files.size(media.speech().mp4()) / 600)) + "\"}}";

            Raw plain = raw(port, post("127.0.0.1:" + port, "text/plain", null, job));
            assertEquals(415, plain.status(), plain.toString());
            Raw origin = raw(port, post("127.0.0.1:" + port, "application/json", "http://attacker.example", job));
            assertEquals(403, origin.status(), origin.toString());
            Raw host = raw(port, post("attacker.example:" + port, "application/json", null, job));
            assertEquals(403, host.status(), host.toString());
            Raw noHost = raw(port, "GET /v2/x/health HTTP/1.0\r\n\r\n");
            assertEquals(400, noHost.status(), noHost.toString());
            assertTrue(JSON.readTree(noHost.body()).path("error").asText().contains("no Host header"), noHost.body());
            assertEquals(0, health(port).path("jobs").path("inQueue").asInt() + health(port).path("jobs")
                    .path("inProgress").asInt(), "no refused request made a job");

            String big = "{\"input\":{\"pad\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}}";
            HttpResponse<String> tooLarge = send(port, HttpRequest.BodyPublishers.ofString(big));
            assertEquals(413, tooLarge.statusCode(), tooLarge.body());
            HttpResponse<String> tooLargeChunked = send(port, HttpRequest.BodyPublishers.ofInputStream(
                    () -> new java.io.ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))));
            assertEquals(413, tooLargeChunked.statusCode(), tooLargeChunked.body());
            assertTrue(JSON.readTree(tooLargeChunked.body()).path("error").asText()
                    .contains("WORKER_LOCAL_MAX_INPUT_BYTES"), tooLargeChunked.body());

            // the one worker downloads a stalled job; three more wait; the fifth is refused
            String stalled = JSON.readTree(send(port, HttpRequest.BodyPublishers.ofString(job)).body()).path("id").asText();
            awaitInProgress(port, stalled);
            for (int i = 0; i < 3; i++) {
                assertEquals(200, send(port, HttpRequest.BodyPublishers.ofString(job)).statusCode());
            }
            HttpResponse<String> full = send(port, HttpRequest.BodyPublishers.ofString(job));
            assertEquals(429, full.statusCode(), full.body());
            assertTrue(full.headers().firstValue("Retry-After").isPresent(), full.headers().toString());
            assertTrue(JSON.readTree(full.body()).path("error").asText().contains("WORKER_LOCAL_MAX_QUEUED_JOBS"));
            assertEquals(200, post(port, "/v2/x/purge-queue").statusCode());

            // 9 MB inputs, one after another, while the worker is busy: each 200 or 429, never 500
            String nine = "{\"input\":{\"youtube_url\":\"" + media.url("/speech.mp4") + "\",\"pad\":\""
                    + "y".repeat(9 * 1024 * 1024) + "\"}}";
            int accepted = 0;
            int refused = 0;
            for (int i = 0; i < 28; i++) {
                HttpResponse<String> answer = send(port, HttpRequest.BodyPublishers.ofString(nine));
                assertTrue(answer.statusCode() == 200 || answer.statusCode() == 429,
                        "input " + i + ": " + answer.statusCode() + " " + answer.body());
                if (answer.statusCode() == 200) {
                    accepted++;
                } else {
                    refused++;
                }
            }
            assertTrue(accepted >= 1 && refused >= 1, accepted + " accepted, " + refused + " refused");
            assertEquals(200, post(port, "/v2/x/purge-queue").statusCode());
            assertEquals(200, post(port, "/v2/x/cancel/" + stalled).statusCode());
            assertTrue(health(port).has("workers"));
            assertTrue(!worker.stderr().contains("OutOfMemoryError"), "the worker ran out of memory");

            worker.terminate();
            assertEquals(0, worker.waitFor(Duration.ofSeconds(30)));
        }
    }

    private static String post(String host, String type, String origin, String body) {
        return "POST /v2/x/run HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: " + type + "\r\n"
                + (origin == null ? "" : "Origin: " + origin + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\nConnection: close\r\n\r\n" + body;
    }

    private static Raw raw(int port, String request) throws Exception {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            in.transferTo(answer); // the API closes after answering: Connection: close, or HTTP/1.0
            String text = answer.toString(StandardCharsets.UTF_8);
            int end = text.indexOf("\r\n\r\n");
            String head = end < 0 ? text : text.substring(0, end);
            return new Raw(Integer.parseInt(head.split(" ", 3)[1]), head, end < 0 ? "" : text.substring(end + 4));
        }
    }

    private static HttpResponse<String> send(int port, HttpRequest.BodyPublisher body) throws Exception {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v2/x/run"))
                        .header("Content-Type", "application/json").POST(body).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(int port, String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Over the JDK client's default, HTTP/2 upgraded from HTTP/1.1 (h2c): :authority instead of Host. */
    private static JsonNode health(int port) throws Exception {
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/v2/x/health")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return JSON.readTree(answer.body());
    }

    private static void awaitInProgress(int port, String id) throws Exception {
        await("job " + id + " IN_PROGRESS").atMost(Duration.ofSeconds(90)).until(() -> {
            String answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/v2/x/status/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return JSON.readTree(answer).path("status").asText(answer);
        }, "IN_PROGRESS"::equals);
    }
}
