package com.ytwhisper.worker.runpod.local;

import static com.ytwhisper.worker.runpod.local.LocalApiCalls.BASE;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.awaitState;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.awaitTrue;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The endpoint API as the Runpod SDKs use it (runpod-sdk 1.1.2 {@code src/index.ts}): status-sync,
 * stream, JSON for every refusal, the five health worker counters, s3Config and webhooks.
 */
@ExternalProcesses
@QuarkusTest
@TestProfile(LocalApiProfile.class)
class LocalApiSdkShapeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void statusSyncWaitsForTheJobToEnd() {
        String id = submit("{\"sleep_ms\":1500,\"tag\":\"ss\"}", "");
        long start = System.nanoTime();
        given().queryParam("wait", 20_000).get(BASE + "/status-sync/" + id)
                .then().statusCode(200).body("id", is(id), "status", is("COMPLETED"), "output.echo.tag", is("ss"));
        assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 15_000);
    }

    @Test
    void statusSyncAnswersTheUnfinishedStatusWhenItsWaitEnds() {
        String id = submit("{\"sleep_ms\":30000}", "");
        long start = System.nanoTime();
        given().queryParam("wait", 1000).get(BASE + "/status-sync/" + id)
                .then().statusCode(200).body("status", either(is("IN_QUEUE")).or(is("IN_PROGRESS")));
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(tookMs >= 950, "answered after " + tookMs + " ms");
        given().post(BASE + "/cancel/" + id).then().statusCode(200);
        given().get(BASE + "/status-sync/no-such-job").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", is("job no-such-job not found (expired or never submitted)"));
    }

    @Test
    void streamServesTheTranscriptPiecesWhileTheJobRunsEachOnce() {
        String id = submit("{\"stream\":[\"going to the market\",\"tomorrow morning\"],\"sleep_ms\":3000}", "");
        JsonPath[] seen = new JsonPath[1];
        awaitTrue(() -> {
            JsonPath answer = given().get(BASE + "/stream/" + id).then().statusCode(200).extract().jsonPath();
            if (answer.getList("stream").isEmpty()) {
                return false;
            }
            seen[0] = answer;
            return true;
        }, "stream items");
        assertEquals("IN_PROGRESS", seen[0].getString("status"), "items arrive before the job ends");
        assertEquals(List.of("going to the market", "tomorrow morning"), seen[0].getList("stream.output.text"));
        assertEquals(1.0f, seen[0].getFloat("stream[1].output.start"));
        awaitState(id, "COMPLETED");
        given().get(BASE + "/stream/" + id).then().statusCode(200)
                .body("status", is("COMPLETED"), "stream", empty());
        given().get(BASE + "/stream/no-such-job").then().statusCode(404).contentType(ContentType.JSON);
    }

    @Test
    void unknownPathsAndWrongMethodsAnswerJson() {
        given().get(BASE + "/no-such-operation").then().statusCode(404).contentType(ContentType.JSON)
                .body("error", containsString("no such operation"), "error", containsString("status-sync"));
        given().get("/").then().statusCode(404).contentType(ContentType.JSON);
        given().get(BASE + "/run").then().statusCode(405).contentType(ContentType.JSON)
                .header("Allow", containsString("POST")).body("error", containsString("takes POST"));
        given().contentType(ContentType.JSON).body("{}").post(BASE + "/health").then().statusCode(405)
                .contentType(ContentType.JSON);
    }

    @Test
    void healthHasTheFiveWorkerCounters() {
        JsonPath health = LocalApiCalls.health();
        for (String counter : List.of("idle", "running", "initializing", "ready", "throttled")) {
            assertTrue(health.get("workers." + counter) instanceof Integer, counter + " in " + health.prettify());
        }
        assertEquals(0, health.getInt("workers.throttled"));
    }

    @Test
    void s3ConfigIsAnotherSpellingOfTheJobsS3Fields() {
        String id = submit("{\"tag\":\"s3\"}", ",\"s3Config\":{\"bucketName\":\"sdk-bucket\","
                + "\"endpointUrl\":\"https://s3.example.com\",\"accessId\":\"AKID\",\"accessSecret\":\"hidden\"}");
        JsonPath done = awaitState(id, "COMPLETED");
        assertEquals("sdk-bucket", done.getString("output.echo.s3_bucket"));
        assertEquals("https://s3.example.com", done.getString("output.echo.s3_endpoint_url"));
        assertEquals("AKID", done.getString("output.echo.aws_access_key"));
        given().contentType(ContentType.JSON)
                .body("{\"input\":{\"s3_bucket\":\"one\"},\"s3Config\":{\"bucketName\":\"other\"}}")
                .post(BASE + "/run").then().statusCode(400)
                .body("error", containsString("s3Config.bucketName and input.s3_bucket are both given and differ"));
    }

    @Test
    void aWebhookReceivesTheFinalStatusWhenTheJobEnds() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        receiver.createContext("/hook", exchange -> {
            try (exchange) {
                bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        receiver.start();
        try {
            String hook = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
            String id = submit("{\"tag\":\"hooked\"}", ",\"webhook\":\"" + hook + "\"");
            awaitTrue(() -> bodies.size() == 1, "the webhook was called");
            JsonNode body = JSON.readTree(bodies.get(0));
            assertEquals(id, body.path("id").asText());
            assertEquals("COMPLETED", body.path("status").asText());
            assertEquals("hooked", body.path("output").path("echo").path("tag").asText());
            assertTrue(body.has("executionTime"), body.toString());

            given().contentType(ContentType.JSON)
                    .body("{\"input\":{},\"webhook\":\"http://169.254.169.254/latest/meta-data/\"}")
                    .post(BASE + "/run").then().statusCode(400).body("error", containsString("webhook"),
                            "error", containsString("link-local"), "id", is((String) null));
        } finally {
            receiver.stop(0);
        }
        given().get(BASE + "/health").then().body("workers.ready", notNullValue());
    }
}
