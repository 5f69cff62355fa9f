package com.ytwhisper.testkit.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunpodEmulatorStreamTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void streamPostsAreRecordedInOrderAndBadOnesRefused() throws Exception {
        try (RunpodEmulator emulator = new RunpodEmulator()) {
            String url = emulator.baseUrl() + "/v2/" + RunpodEmulator.ENDPOINT_ID + "/job-stream/pod-1/job-1?isStream=false";
            assertEquals(200, post(url, "{\"output\":[{\"text\":\"a\"},{\"text\":\"b\"}]}"));
            assertEquals(200, post(url, "{\"output\":{\"text\":\"c\"}}"));
            assertEquals(400, post(url, "{\"status\":\"IN_PROGRESS\"}"), "a stream body needs output");
            assertEquals(400, post(url, "not json"));
            assertEquals(413, post(url, "{\"output\":\"" + "x".repeat(RunpodEmulator.MAX_STREAM_BYTES) + "\"}"),
                    "one chunk is at most 1 MB");

            assertEquals(2, emulator.streamed("job-1").size());
            assertEquals(List.of("a", "b", "c"),
                    emulator.streamItems("job-1").stream().map(i -> i.path("text").asText()).toList());
            assertEquals(List.of(), emulator.streamItems("job-2"));
        }
    }

    private static int post(String url, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
