package com.ytwhisper.worker.runpod.local;

import static com.ytwhisper.worker.runpod.local.LocalApiCalls.BASE;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.awaitState;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.awaitStatus;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.awaitTrue;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.health;
import static com.ytwhisper.worker.runpod.local.LocalApiCalls.submit;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import com.ytwhisper.worker.runpod.StandInHandler;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The local endpoint API over HTTP, as a client of the cloud API sees it (docs/runpod-protocol.md, part 3). */
@ExternalProcesses
@QuarkusTest
@TestProfile(LocalApiProfile.class)
class LocalEndpointResourceTest {


    @Inject
    StandInHandler handler;

    @Inject
    LocalApi api;

    @Test
    void aRunJobShowsProgressWhileRunningThenCompletesWithItsOutput() {
        String id = submit("{\"sleep_ms\":800,\"progress\":4,\"tag\":\"a\"}", "");
        JsonPath running = awaitStatus(id, s -> "IN_PROGRESS".equals(s.getString("status"))
                && s.get("output.stage") != null);
        assertEquals("transcribing", running.getString("output.stage"));
        assertEquals(StandInServeMode.WORKER_ID, running.getString("workerId"));

        JsonPath done = awaitState(id, "COMPLETED");
        assertEquals("done", done.getString("output.status"));
        assertEquals("a", done.getString("output.echo.tag"));
        assertTrue(done.getLong("delayTime") >= 0, done.prettify());
        assertTrue(done.getLong("executionTime") >= 790, done.prettify());
        assertEquals(StandInServeMode.WORKER_ID, done.getString("workerId"));
        // the short path serves the same job
        given().get("/status/" + id).then().statusCode(200).body("status", is("COMPLETED"));
    }

    @Test
    void runsyncAnswersTheFinishedJob() {
        given().contentType(ContentType.JSON).body("{\"input\":{\"tag\":\"s\"}}")
                .post(BASE + "/runsync")
                .then().statusCode(200)
                .body("id", startsWith("sync-"), "status", is("COMPLETED"), "output.echo.tag", is("s"),
                        "delayTime", notNullValue(), "executionTime", notNullValue());
    }

    @Test
    void runsyncAnswersTheUnfinishedStatusWhenItsWaitEndsAndClampsTheWaitToOneSecond() {
        long start = System.nanoTime();
        JsonPath answer = given().contentType(ContentType.JSON).body("{\"input\":{\"sleep_ms\":2500}}")
                .queryParam("wait", 10)
                .post("/runsync")
                .then().statusCode(200)
                .body("id", startsWith("sync-"), "status", either(is("IN_QUEUE")).or(is("IN_PROGRESS")))
                .extract().jsonPath();
        long tookMs = Duration.ofNanos(System.nanoTime() - start).toMillis();
        assertTrue(tookMs >= 950 && tookMs < 2500, "runsync?wait=10 answered after " + tookMs + " ms");
        awaitState(answer.getString("id"), "COMPLETED");
    }

    @Test
    void cancellingARunningJobFiresItsCancellation() {
        String id = submit("{\"sleep_ms\":30000}", "");
        awaitState(id, "IN_PROGRESS");
        given().post(BASE + "/cancel/" + id).then().statusCode(200)
                .body("id", is(id), "status", is("CANCELLED"));
        awaitTrue(() -> handler.cancelled.contains(id) && handler.finished.contains(id), "the handler stopped");
        // the handler's own "cancelled" answer does not overwrite the state
        given().get(BASE + "/status/" + id).then().body("status", is("CANCELLED"), "error", nullValue());
    }

    @Test
    void retryRequeuesAFailedJobWithTheSameIdAndInput() {
        String id = submit("{\"fail\":\"stand-in says no\"}", "");
        JsonPath failed = awaitState(id, "FAILED");
        assertEquals("stand-in says no", failed.getString("error"));
        assertEquals("error", failed.getString("output.status"));

        given().post(BASE + "/retry/" + id).then().statusCode(200)
                .body("id", is(id), "status", is("IN_QUEUE"), "retries", is(1), "output", nullValue(),
                        "error", nullValue());
        JsonPath again = awaitState(id, "FAILED");
        assertEquals(1, again.getInt("retries"));
        awaitTrue(() -> handler.finished.stream().filter(id::equals).count() == 2, "the handler ran twice");

        String completed = submit("{}", "");
        awaitState(completed, "COMPLETED");
        given().post(BASE + "/retry/" + completed).then().statusCode(409)
                .body("error", containsString("only FAILED or TIMED_OUT jobs can be retried"));
    }

    @Test
    void purgeDropsQueuedJobsAndLeavesRunningOnes() {
        List<String> running = List.of(submit("{\"sleep_ms\":30000}", ""), submit("{\"sleep_ms\":30000}", ""));
        running.forEach(id -> awaitState(id, "IN_PROGRESS"));
        List<String> queued = List.of(submit("{}", ""), submit("{}", ""), submit("{}", ""));
        queued.forEach(id -> given().get(BASE + "/status/" + id).then().body("status", is("IN_QUEUE")));

        given().post(BASE + "/purge-queue").then().statusCode(200).body("removed", is(3), "status", is("completed"));

        queued.forEach(id -> given().get(BASE + "/status/" + id).then().statusCode(404));
        running.forEach(id -> given().get(BASE + "/status/" + id).then().body("status", is("IN_PROGRESS")));
        running.forEach(id -> given().post(BASE + "/cancel/" + id).then().statusCode(200));
        awaitTrue(() -> handler.finished.containsAll(running), "the running jobs stopped");
    }

    @Test
    void healthCountsJobsAndWorkers() {
        awaitTrue(() -> health().getInt("workers.running") == 0, "idle workers");
        JsonPath before = health();
        assertEquals(2, before.getInt("workers.idle"));

        awaitState(submit("{}", ""), "COMPLETED");
        String failing = submit("{\"fail\":\"no\"}", "");
        awaitState(failing, "FAILED");
        given().post(BASE + "/retry/" + failing).then().statusCode(200);
        awaitState(failing, "FAILED");
        List<String> running = List.of(submit("{\"sleep_ms\":30000}", ""), submit("{\"sleep_ms\":30000}", ""));
        running.forEach(id -> awaitState(id, "IN_PROGRESS"));
        String waiting = submit("{}", "");

        JsonPath now = health();
        assertEquals(before.getInt("jobs.completed") + 1, now.getInt("jobs.completed"), now.prettify());
        assertEquals(before.getInt("jobs.failed") + 1, now.getInt("jobs.failed"), now.prettify());
        assertEquals(before.getInt("jobs.retried") + 1, now.getInt("jobs.retried"), now.prettify());
        assertEquals(2, now.getInt("jobs.inProgress"), now.prettify());
        assertEquals(1, now.getInt("jobs.inQueue"), now.prettify());
        assertEquals(2, now.getInt("workers.running"), now.prettify());
        assertEquals(0, now.getInt("workers.idle"), now.prettify());

        running.forEach(id -> given().post(BASE + "/cancel/" + id).then().statusCode(200));
        awaitState(waiting, "COMPLETED");
        awaitTrue(() -> health().getInt("workers.idle") == 2, "both workers idle again");
    }

    @Test
    void aJobPastItsExecutionTimeoutIsTimedOutAndCancelled() {
        String id = submit("{\"sleep_ms\":30000}", ",\"policy\":{\"executionTimeout\":300}");
        JsonPath timedOut = awaitState(id, "TIMED_OUT");
        assertTrue(timedOut.getString("error").contains("policy.executionTimeout (300 ms)"), timedOut.prettify());
        assertTrue(timedOut.getLong("executionTime") >= 300, timedOut.prettify());
        awaitTrue(() -> handler.cancelled.contains(id), "the handler was cancelled");
    }

    @Test
    void aJobPastItsTtlIsDeletedEvenWhileRunning() {
        String id = submit("{\"sleep_ms\":30000}", ",\"policy\":{\"ttl\":1500}");
        given().get(BASE + "/status/" + id).then().statusCode(200);
        awaitTrue(() -> given().get(BASE + "/status/" + id).statusCode() == 404, "the job is gone");
        given().get(BASE + "/status/" + id).then().statusCode(404)
                .body("error", is("job " + id + " not found (expired or never submitted)"));
        awaitTrue(() -> handler.cancelled.contains(id), "the running handler was cancelled");
    }

    @Test
    void aBodyOverTenMegabytesIsRefusedWith413AndAJsonError() {
        String body = "{\"input\":{\"pad\":\"" + "x".repeat(11 * 1024 * 1024) + "\"}}";
        given().contentType(ContentType.JSON).body(body).post(BASE + "/run")
                .then().statusCode(413).contentType(ContentType.JSON)
                .body("error", allOf(containsString("limit is 10485760 bytes"), containsString("WORKER_LOCAL_MAX_INPUT_BYTES")));
    }

    @Test
    void anUnknownJobIs404Everywhere() {
        String error = "job no-such-job not found (expired or never submitted)";
        given().get(BASE + "/status/no-such-job").then().statusCode(404).body("error", is(error));
        given().post(BASE + "/cancel/no-such-job").then().statusCode(404).body("error", is(error));
        given().post("/retry/no-such-job").then().statusCode(404).body("error", is(error));
    }

    @Test
    void badRequestsAreRefusedWithAClearMessage() {
        badRequest("", "the request has no body");
        badRequest("{\"input\":", "the request body is not JSON");
        badRequest("{\"inputs\":{}}", "unknown field(s) [inputs]");
        badRequest("{\"policy\":{}}", "the request has no input");
        badRequest("{\"input\":{},\"policy\":{\"executionTimeout\":\"fast\"}}", "policy.executionTimeout must be");
        badRequest("{\"input\":{},\"policy\":{\"ttl\":0}}", "policy.ttl must be");
        given().contentType(ContentType.JSON).body("{\"input\":{}}").queryParam("wait", "soon")
                .post(BASE + "/runsync").then().statusCode(400).body("error", containsString("wait must be"));
    }

    @Test
    void onLoopbackAnyAuthorizationIsAccepted() {
        given().header("Authorization", "Bearer not-a-key").get(BASE + "/health").then().statusCode(200);
        given().get("/health").then().statusCode(200).body("workers.idle", notNullValue());
    }

    @Test
    void theLoggedAddressCarriesTheBoundPort() {
        assertEquals("http://127.0.0.1:" + RestAssured.port + "/v2/<any>/", api.baseUrl());
    }

    private static void badRequest(String body, String message) {
        given().contentType(ContentType.JSON).body(body).post(BASE + "/run")
                .then().statusCode(400).contentType(ContentType.JSON).body("error", containsString(message));
    }
}
