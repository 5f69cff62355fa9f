package com.ytwhisper.testkit.endpoint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;

class EndpointEmulatorTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private EndpointEmulator emulator;

    @BeforeEach
    void start() throws IOException {
        emulator = EndpointEmulator.start().requireApiKey("test-key-123456");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void scriptedJobMovesOneStepPerStatusCall() throws Exception {
        JsonNode run = call("POST", "/ep/run", "{\"input\":{\"youtube_url\":\"u\",\"request_id\":\"r1\"}}", 200);
        assertEquals("IN_QUEUE", run.get("status").asText());
        String id = run.get("id").asText();
        assertEquals("downloading", call("GET", "/ep/status/" + id, null, 200).at("/output/stage").asText());
        assertEquals(50, call("GET", "/ep/status/" + id, null, 200).at("/output/percent").asInt());
        JsonNode done = call("GET", "/ep/status/" + id, null, 200);
        assertEquals("COMPLETED", done.get("status").asText());
        assertEquals("s3://emulated-bucket/transcriptions/r1.srt", done.at("/output/srt_path").asText());
    }

    @Test
    void rejectsAWrongKeyAndAppliesStatusFaultsOnce() throws Exception {
        assertEquals(401, send("POST", "/ep/run", "{\"input\":{}}", "Bearer wrong").statusCode());
        emulator.inject(EndpointRoute.HEALTH, EndpointFault.tooManyRequests(Duration.ofSeconds(7)));
        HttpResponse<String> refused = send("GET", "/ep/health", null, "Bearer test-key-123456");
        assertEquals(429, refused.statusCode());
        assertEquals("7", refused.headers().firstValue("Retry-After").orElseThrow());
        call("GET", "/ep/health", null, 200);
    }

    @Test
    void dropAndHangHandleTheRequestButWithholdTheAnswer() throws Exception {
        emulator.inject(EndpointRoute.RUN, EndpointFault.drop());
        assertThrows(IOException.class, () -> send("POST", "/ep/run", "{\"input\":{}}", "Bearer test-key-123456"));
        emulator.inject(EndpointRoute.RUN, EndpointFault.hang(Duration.ofSeconds(5)));
        HttpRequest hung = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + "/ep/run"))
                .header("Authorization", "Bearer test-key-123456").timeout(Duration.ofMillis(300))
                .POST(HttpRequest.BodyPublishers.ofString("{\"input\":{}}")).build();
        assertThrows(HttpTimeoutException.class, () -> http.send(hung, HttpResponse.BodyHandlers.ofString()));
        assertEquals(2, emulator.jobs().size(), "both requests created a job");
        assertEquals(2, emulator.requests(EndpointRoute.RUN).size());
    }

    @Test
    void pauseRefusesConnectionsUntilResumed() throws Exception {
        emulator.pause();
        assertThrows(ConnectException.class, () -> send("GET", "/ep/health", null, "Bearer test-key-123456"));
        emulator.resume();
        call("GET", "/ep/health", null, 200);
    }

    @Test
    void expiresJobsAfterTheirTerminalStateWasRead() throws Exception {
        emulator.expireAfterTerminalReads(1).nextJob(Step.queued(), Step.failed("boom", "r"));
        String id = call("POST", "/ep/run", "{\"input\":{}}", 200).get("id").asText();
        JsonNode failed = call("GET", "/ep/status/" + id, null, 200);
        assertEquals("boom", failed.get("error").asText());
        assertEquals(404, send("GET", "/ep/status/" + id, null, "Bearer test-key-123456").statusCode());
        assertTrue(emulator.job(id).isExpired());
    }

    private JsonNode call(String method, String path, String body, int expected) throws Exception {
        HttpResponse<String> response = send(method, path, body, "Bearer test-key-123456");
        assertEquals(expected, response.statusCode(), response.body());
        return Step.JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String body, String authorization)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(emulator.baseUrl() + path))
                .header("Authorization", authorization)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
