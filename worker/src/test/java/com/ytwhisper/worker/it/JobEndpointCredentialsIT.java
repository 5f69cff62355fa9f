package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.worker.egress.TrapListener;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A job's own {@code s3_endpoint_url} pointing at a recording server (allowed as private for the
 * test), through the real jar: the worker's own credentials never go there.
 */
class JobEndpointCredentialsIT {

    static final String ENV_KEY_ID = "AKIAENVKEY";
    static final String JOB_KEY_ID = "AKIAJOBKEY0000000001";

    static TrapListener recorder;
    static PlatformWorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        recorder = TrapListener.start();
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(),
                Map.of("WORKER_ALLOW_PRIVATE_URLS", "127.0.0.1:" + recorder.port(), "WORKER_S3_MAX_ATTEMPTS", "1"));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (recorder != null) {
            recorder.close();
        }
    }

    private static ObjectNode input() {
        ObjectNode in = new ObjectMapper().createObjectNode();
        in.put("youtube_url", fixture.media.url("/speech.mp4"));
        in.put("s3_endpoint_url", "http://127.0.0.1:" + recorder.port());
        in.put("s3_bucket", "collector");
        return in;
    }

    @Test
    void withoutJobKeysTheJobIsRefusedBeforeAnyRequest() {
        fixture.media.clearRequests();
        JsonNode result = fixture.run("endpoint-no-keys", input().toString());

        String error = result.path("error").asText("");
        assertEquals("error", result.path("output").path("status").asText(), result.toString());
        assertTrue(error.contains("s3_endpoint_url") && error.contains("aws_access_key") && error.contains("aws_secret_key"),
                error);
        assertEquals(List.of(), recorder.seen(), "the job's endpoint got a request");
        assertEquals(List.of(), fixture.media.requests(), "refused before any work");
    }

    @Test
    void withJobKeysOnlyTheJobKeysReachTheJobsEndpoint() {
        ObjectNode in = input();
        in.put("aws_access_key", JOB_KEY_ID);
        in.put("aws_secret_key", "job-secret-for-the-recorder");
        JsonNode result = fixture.run("endpoint-job-keys", in.toString());

        List<String> seen = recorder.seen();
        assertFalse(seen.isEmpty(), "the upload went to the job's endpoint: " + result);
        assertTrue(seen.stream().anyMatch(r -> r.contains("Credential=" + JOB_KEY_ID)), seen.toString());
        assertTrue(seen.stream().noneMatch(r -> r.contains(ENV_KEY_ID) || r.contains(PlatformWorkerFixture.ENV_SECRET)),
                seen.toString());
        assertEquals("error", result.path("output").path("status").asText(), "the recorder is no S3: " + result);
    }
}
