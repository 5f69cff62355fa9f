package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.testkit.process.ChildProcess;
import com.ytwhisper.testkit.s3.S3MockServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/** The real jar with {@code --rp_serve_api}: the cloud endpoint API on loopback, the same pipeline behind it. */
class LocalApiPipelineIT {

    private static final Pattern LISTENING = Pattern.compile("local API listening on (http://[^/]+)/v2/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void aJobSubmittedToTheLocalApiRunsThroughThePipelineIntoS3() throws Exception {
        try (MediaServer media = MediaServer.start(SpeechFixtures.speech());
             S3MockServer s3 = S3MockServer.start("local-results");
             ChildProcess worker = WorkerJar.start(Map.of("WORKER_ALLOW_PRIVATE_URLS", media.hostPort(),
                     "S3_ENDPOINT_URL", s3.endpoint().toString(), "S3_BUCKET", "local-results",
                     "AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test"),
                     dir, "--rp_serve_api", "--rp_api_port", "0")) {
            worker.awaitLog(l -> LISTENING.matcher(l).find(), Duration.ofSeconds(90), "the listening address");
            Matcher m = LISTENING.matcher(worker.stderr());
            assertTrue(m.find());
            String base = m.group(1) + "/v2/any-endpoint";
            HttpClient http = HttpClient.newHttpClient();

            JsonNode queued = post(http, base + "/run", "{\"input\":{\"youtube_url\":\"" + media.url("/speech.mp4")
                    + "\",\"request_id\":\"local-1\",\"formats\":[\"srt\",\"txt\"]}}");
            assertEquals("IN_QUEUE", queued.path("status").asText());
            String id = queued.path("id").asText();
            JsonNode status = null;
            long deadline = System.currentTimeMillis() + 120_000;
            while (System.currentTimeMillis() < deadline) {
                status = get(http, base + "/status/" + id);
                if (!status.path("status").asText().startsWith("IN_")) {
                    break;
                }
                Thread.sleep(200);
            }
            assertEquals("COMPLETED", status.path("status").asText(), status.toString());
            JsonNode out = status.path("output");
            assertEquals("s3://local-results/local-1.srt", out.path("srt_path").asText());
            assertEquals("local-1.txt", out.path("txt_key").asText());
            assertTrue(status.path("executionTime").asLong() > 0);

            try (S3Client client = S3Client.builder().endpointOverride(s3.endpoint()).forcePathStyle(true)
                    .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build()) {
                String txt = new String(client.getObjectAsBytes(b -> b.bucket("local-results").key("local-1.txt"))
                        .asByteArray(), StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                assertTrue(SpeechFixtures.CONTENT_WORDS.stream().filter(txt::contains).count() >= 2, txt);
            }
            JsonNode health = get(http, base + "/health");
            assertEquals(1, health.path("jobs").path("completed").asInt(), health.toString());

            worker.terminate();
            assertEquals(0, worker.waitFor(Duration.ofSeconds(30)));
        }
    }

    private static JsonNode post(HttpClient http, String url, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        return JSON.readTree(http.send(request, HttpResponse.BodyHandlers.ofString()).body());
    }

    private static JsonNode get(HttpClient http, String url) throws Exception {
        return JSON.readTree(http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }
}
