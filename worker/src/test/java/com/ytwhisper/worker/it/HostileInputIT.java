package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Inputs meant to reach the worker's network, files or shell, sent through the real jar: each is
 * a clear error naming its field, nothing is fetched from the forbidden server, nothing runs,
 * nothing is uploaded.
 */
class HostileInputIT {

    static PlatformWorkerFixture fixture;
    /** A server the worker must never reach: it is not in WORKER_ALLOW_PRIVATE_URLS. */
    static MediaServer forbidden;
    static Path marker;

    @BeforeAll
    static void start() throws Exception {
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(), Map.of());
        forbidden = MediaServer.start(SpeechFixtures.speech());
        marker = fixture.dir.resolve("exec-marker");
    }

    @AfterAll
    static void stop() throws Exception {
        if (forbidden != null) {
            forbidden.close();
        }
        if (fixture != null) {
            fixture.close();
        }
    }

    record Case(String name, ObjectNode input, String field) {
    }

    static ObjectNode input(String key, Object value) {
        ObjectNode in = new ObjectMapper().createObjectNode();
        in.set(key, new ObjectMapper().valueToTree(value));
        return in;
    }

    @Test
    void everyHostileInputIsAClearErrorWithNothingFetchedRunOrUploaded() throws Exception {
        int port = forbidden.port();
        String speech = "/speech.mp4";
        List<Case> cases = new ArrayList<>();
        for (String host : List.of("localhost", "127.1", "[::1]", "2130706433", "0.0.0.0", "0x7f.1", "127.0.0.2")) {
            cases.add(new Case("loopback " + host, input("youtube_url", "http://" + host + ":" + port + speech), "youtube_url"));
        }
        cases.add(new Case("metadata", input("youtube_url", "http://169.254.169.254/latest/meta-data/"), "youtube_url"));
        cases.add(new Case("metadata as audio_url", input("audio_url", "http://169.254.169.254/latest/"), "audio_url"));
        cases.add(new Case("file", input("youtube_url", "file:///etc/passwd"), "youtube_url"));
        cases.add(new Case("ftp", input("youtube_url", "ftp://example.com/video.mp4"), "youtube_url"));
        cases.add(new Case("redirect to a refused host", input("youtube_url",
                fixture.media.url("/redirect?to=http://127.0.0.1:" + port + speech)), "youtube_url"));
        cases.add(new Case("--exec", input("youtube_url", "--exec=touch " + marker), "youtube_url"));
        cases.add(new Case("-o", input("youtube_url", "-o" + marker), "youtube_url"));
        ObjectNode endpoint = input("youtube_url", fixture.media.url(speech));
        endpoint.put("s3_endpoint_url", "http://169.254.169.254/");
        cases.add(new Case("s3 endpoint at the metadata address", endpoint, "s3_endpoint_url"));
        ObjectNode unknown = input("youtube_url", fixture.media.url(speech));
        unknown.put("shell", "rm -rf /");
        cases.add(new Case("unknown key", unknown, "shell"));
        cases.add(new Case("wrong type", input("youtube_url", 5), "youtube_url"));
        ObjectNode beam = input("youtube_url", fixture.media.url(speech));
        beam.put("beam_size", "x");
        cases.add(new Case("wrong number type", beam, "beam_size"));
        for (String id : List.of("..", "../x")) {
            ObjectNode in = input("youtube_url", fixture.media.url(speech));
            in.put("request_id", id);
            cases.add(new Case("request_id " + id, in, "request_id"));
        }
        ObjectNode prefix = input("youtube_url", fixture.media.url(speech));
        prefix.put("s3_key_prefix", "../");
        cases.add(new Case("prefix ../", prefix, "s3_key_prefix"));
        cases.add(new Case("1 MB string", input("youtube_url", "https://example.com/" + "a".repeat(1 << 20)), "youtube_url"));

        fixture.media.clearRequests();
        int n = 0;
        for (Case c : cases) {
            String jobId = "hostile-" + n++;
            JsonNode result = fixture.run(jobId, c.input().toString());
            String error = result.path("error").asText("");
            assertTrue(error.contains(c.field()), c.name() + ": the error does not name " + c.field() + ": " + error);
            assertTrue(error.length() < 2_000, c.name() + ": the error is " + error.length() + " characters long");
            assertEquals("error", result.path("output").path("status").asText(), c.name());
            assertFalse(result.toString().contains("rm -rf"), c.name() + ": the input value was echoed");
        }
        assertTrue(forbidden.requests().isEmpty(), "the forbidden server was reached: " + forbidden.requests());
        assertTrue(fixture.media.requests().stream().allMatch(r -> r.startsWith("GET /redirect?")),
                "only the redirect itself may be fetched: " + fixture.media.requests());
        assertFalse(Files.exists(marker), "a URL ran a command");
        try (var files = Files.list(fixture.dir)) {
            assertTrue(files.noneMatch(f -> f.getFileName().toString().startsWith("exec-marker")), "a URL wrote a file");
        }
        assertTrue(fixture.objectKeys().isEmpty(), "uploaded: " + fixture.objectKeys());
        assertEquals(0, fixture.jobFolders(), "job folders left behind");
    }
}
