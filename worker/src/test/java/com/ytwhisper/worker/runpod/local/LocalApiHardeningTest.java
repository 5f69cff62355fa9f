package com.ytwhisper.worker.runpod.local;

import static com.ytwhisper.worker.runpod.local.LocalApiCalls.BASE;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.raw;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The local API against web pages and memory exhaustion: cross-site requests (text/plain, forms,
 * foreign Origin), DNS rebinding (foreign Host), requests without Host, oversized inputs (also
 * chunked) and a full queue.
 */
@ExternalProcesses
@QuarkusTest
@TestProfile(LocalApiProfile.class)
class LocalApiHardeningTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOB = "{\"input\":{\"tag\":\"x\"}}";

    @Test
    void postsThatAreNotJsonAreRefusedWith415() throws Exception {
        given().contentType("text/plain").body(JOB).post(BASE + "/run")
                .then().statusCode(415).contentType(ContentType.JSON)
                .body("error", containsString("Content-Type: application/json"));
        given().contentType(ContentType.URLENC).body("input=x").post(BASE + "/runsync")
                .then().statusCode(415).contentType(ContentType.JSON);
        given().contentType("multipart/form-data; boundary=b").body("--b--".getBytes(StandardCharsets.UTF_8)).post(BASE + "/run").then().statusCode(415);
        LocalApiCalls.Raw untyped = raw(RestAssured.port, "POST " + BASE + "/run HTTP/1.1\r\nHost: 127.0.0.1:"
                + RestAssured.port + "\r\nContent-Length: " + JOB.length() + "\r\nConnection: close\r\n\r\n" + JOB);
        assertEquals(415, untyped.status(), untyped.toString());
        // a JSON type with parameters and an empty POST (the SDKs' cancel sends {}) are fine
        given().contentType("application/json; charset=utf-8").body(JOB).post(BASE + "/run").then().statusCode(200);
        given().post(BASE + "/purge-queue").then().statusCode(200);
    }

    @Test
    void aForeignOriginIsRefusedWith403() {
        given().header("Origin", "http://attacker.example").contentType(ContentType.JSON).body(JOB)
                .post(BASE + "/run")
                .then().statusCode(403).contentType(ContentType.JSON)
                .body("error", allOf(containsString("Origin 'http://attacker.example' is refused")));
        given().header("Origin", "null").get(BASE + "/health").then().statusCode(403);
        given().header("Origin", "http://localhost:" + RestAssured.port).get(BASE + "/health").then().statusCode(200);
    }

    @Test
    void aForeignHostIsRefusedWith403() throws Exception {
        int port = RestAssured.port;
        for (String host : List.of("attacker.example", "attacker.example:" + port, "127.0.0.1:" + (port + 1))) {
            LocalApiCalls.Raw answer = raw(port, "POST " + BASE + "/run HTTP/1.1\r\nHost: " + host
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + JOB.length()
                    + "\r\nConnection: close\r\n\r\n" + JOB);
            assertEquals(403, answer.status(), host + ": " + answer);
            assertTrue(JSON.readTree(answer.body()).path("error").asText().contains("is not this API's address"),
                    answer.body());
        }
        LocalApiCalls.Raw own = raw(port, "GET " + BASE + "/health HTTP/1.1\r\nHost: localhost:" + port
                + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, own.status(), own.toString());
    }

    @Test
    void aRequestWithoutHostIs400NotA500() throws Exception {
        LocalApiCalls.Raw answer = raw(RestAssured.port, "GET " + BASE + "/health HTTP/1.0\r\n\r\n");
        assertEquals(400, answer.status(), answer.toString());
        assertTrue(answer.head().toLowerCase().contains("content-type: application/json"), answer.head());
        assertTrue(JSON.readTree(answer.body()).path("error").asText().contains("no Host header"), answer.body());
    }

    @Test
    void anOversizedInputIs413WithAJsonErrorAlsoWhenSentChunked() throws Exception {
        String body = "{\"input\":{\"pad\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}}";
        given().contentType(ContentType.JSON).body(body).post(BASE + "/run")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("error", allOf(containsString("the limit is 10485760 bytes"),
                        containsString("WORKER_LOCAL_MAX_INPUT_BYTES")));

        HttpResponse<String> chunked = postChunked(body);
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertEquals("application/json", chunked.headers().firstValue("Content-Type").orElse(""));
        JsonNode error = JSON.readTree(chunked.body());
        assertTrue(error.path("error").asText().contains("over 10485760 bytes"), chunked.body());

        // a chunked body under the limit reaches the API whole
        HttpResponse<String> small = postChunked("{\"input\":{\"tag\":\"chunked\",\"pad\":\"" + "y".repeat(300_000)
                + "\"}}");
        assertEquals(200, small.statusCode(), small.body());
        String id = JSON.readTree(small.body()).path("id").asText();
        LocalApiCalls.awaitState(id, "COMPLETED");
        given().get(BASE + "/status/" + id).then().body("output.echo.tag", is("chunked"));
    }

    @Test
    void aFullQueueIs429WithRetryAfter() {
        List<String> running = List.of(submit("{\"sleep_ms\":30000}", ""), submit("{\"sleep_ms\":30000}", ""));
        running.forEach(id -> LocalApiCalls.awaitState(id, "IN_PROGRESS"));
        List<String> queued = new ArrayList<>();
        Response refused = null;
        for (int i = 0; i <= LocalApiProfile.MAX_QUEUED && refused == null; i++) {
            Response answer = given().contentType(ContentType.JSON).body(JOB).post(BASE + "/run");
            if (answer.statusCode() == 200) {
                queued.add(answer.path("id"));
            } else {
                refused = answer;
            }
        }
        try {
            assertTrue(refused != null, "no 429 after " + queued.size() + " waiting jobs");
            assertEquals(429, refused.statusCode(), refused.asString());
            assertEquals("10", refused.header("Retry-After"));
            assertTrue(refused.jsonPath().getString("error").contains("WORKER_LOCAL_MAX_QUEUED_JOBS"), refused.asString());
            assertTrue(queued.size() <= LocalApiProfile.MAX_QUEUED, queued.size() + " jobs waiting");
        } finally {
            given().post(BASE + "/purge-queue").then().statusCode(200);
            running.forEach(id -> given().post(BASE + "/cancel/" + id).then().statusCode(200));
        }
    }

    @Test
    void http2ClientsAreCheckedByTheirAuthorityAndServed() throws Exception {
        // the JDK client's default: HTTP/1.1 upgraded to h2c, Host becomes :authority
        HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + RestAssured.port + BASE + "/run")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JOB)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        LocalApiCalls.awaitState(JSON.readTree(answer.body()).path("id").asText(), "COMPLETED");
    }

    /** Posts without Content-Length (Transfer-Encoding: chunked), in 64 KiB pieces. */
    private static HttpResponse<String> postChunked(String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + RestAssured.port + BASE + "/run"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> pieces(bytes))).build();
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static InputStream pieces(byte[] bytes) {
        List<InputStream> parts = new ArrayList<>();
        for (int offset = 0; offset < bytes.length; offset += 65536) {
            parts.add(new ByteArrayInputStream(bytes, offset, Math.min(65536, bytes.length - offset)));
        }
        return new SequenceInputStream(java.util.Collections.enumeration(parts));
    }
}
