package com.ytwhisper.testkit.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunpodEmulatorHandOutTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void aJobIsHandedOutWhenATakeAnswersWithItNotWhenTheTakeArrives() throws Exception {
        try (RunpodEmulator emulator = new RunpodEmulator().takeHold(Duration.ofMillis(50))) {
            String take = emulator.baseUrl() + "/v2/" + RunpodEmulator.ENDPOINT_ID + "/job-take/pod-1";
            assertEquals(204, get(take), "an empty queue answers 204");
            assertTrue(emulator.handedOutAtMillis("job-1").isEmpty());

            emulator.enqueue("job-1", "{}");
            assertTrue(emulator.handedOutAtMillis("job-1").isEmpty(), "queued is not handed out");
            long before = System.currentTimeMillis();
            assertEquals(200, get(take));
            long at = emulator.handedOutAtMillis("job-1").orElseThrow();
            assertTrue(at >= before && at <= System.currentTimeMillis(), "handed out at " + at);
            assertTrue(emulator.handedOutAtMillis("job-2").isEmpty());
        }
    }

    private static int get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }
}
