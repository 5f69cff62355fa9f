package com.ytwhisper.worker.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.testkit.media.SpeechFixtures;
import com.ytwhisper.worker.egress.TrapListener;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Leads to protocols other than HTTP, through the real jar and the real yt-dlp: a redirect or an
 * HLS segment pointing at ftp, rtmp, rtsp or gopher on a loopback trap. The trap is even listed
 * in WORKER_ALLOW_PRIVATE_URLS, so only the confinement of yt-dlp to its egress guard keeps it
 * unreached: every job fails with a clear error and the trap sees no connection.
 */
class EgressSideDoorIT {

    static TrapListener trap;
    static PlatformWorkerFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        trap = TrapListener.start();
        fixture = new PlatformWorkerFixture(SpeechFixtures.speech(),
                Map.of("WORKER_ALLOW_PRIVATE_URLS", "127.0.0.1:" + trap.port()));
    }

    @AfterAll
    static void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
        if (trap != null) {
            trap.close();
        }
    }

    record Lead(String name, String field, String url, String errorMentions) {
    }

    private static String encoded(String url) {
        return URLEncoder.encode(url, StandardCharsets.UTF_8);
    }

    private static ObjectNode input(String field, String url) {
        ObjectNode in = new ObjectMapper().createObjectNode();
        in.put(field, url);
        return in;
    }

    @Test
    void leadsToOtherProtocolsFailTheJobAndReachNothing() {
        String trapAt = "127.0.0.1:" + trap.port();
        List<Lead> leads = new ArrayList<>();
        String ftp = "ftp://" + trapAt + "/speech.mp4";
        leads.add(new Lead("redirect to ftp", "youtube_url", fixture.media.url("/redirect?to=" + encoded(ftp)),
                "led to ftp://" + trapAt));
        leads.add(new Lead("audio_url redirect to ftp", "audio_url", fixture.media.url("/redirect?to=" + encoded(ftp)),
                "led to ftp://" + trapAt));
        leads.add(new Lead("HLS with an ftp segment", "youtube_url",
                fixture.media.url("/playlist.m3u8?segment=" + encoded("ftp://" + trapAt + "/seg0.ts")),
                "led to ftp://" + trapAt));
        for (String scheme : List.of("rtmp", "rtsp", "gopher", "mms")) {
            String lead = scheme + "://" + trapAt + "/live/stream";
            leads.add(new Lead("redirect to " + scheme, "youtube_url", fixture.media.url("/redirect?to=" + encoded(lead)),
                    ""));
            leads.add(new Lead("HLS with an " + scheme + " segment", "youtube_url",
                    fixture.media.url("/playlist.m3u8?segment=" + encoded(lead)), ""));
        }

        int n = 0;
        for (Lead lead : leads) {
            JsonNode result = fixture.run("side-door-" + n++, input(lead.field(), lead.url()).toString());
            String error = result.path("error").asText("");
            assertEquals("error", result.path("output").path("status").asText(), lead.name() + ": " + result);
            assertTrue(error.startsWith("could not download " + lead.field()), lead.name() + ": " + error);
            assertTrue(error.contains(lead.errorMentions()), lead.name() + ": " + error);
            assertEquals(List.of(), trap.seen(), lead.name() + ": the trap was reached");
        }
        assertTrue(fixture.objectKeys().isEmpty(), "uploaded: " + fixture.objectKeys());
    }
}
