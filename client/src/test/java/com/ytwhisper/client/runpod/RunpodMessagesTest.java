package com.ytwhisper.client.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import com.ytwhisper.client.runpod.RunpodCallException.Kind;

/** What users read when a call fails: the endpoint's own words, the address, no Java class names. */
class RunpodMessagesTest {

    @Test
    void aRefusedRequestCarriesTheEndpointsMessage() {
        assertEquals(": input: youtube_url: must be an http:// or https:// URL",
                RunpodErrors.said(Kind.REJECTED, "{\"error\": \"input: youtube_url: must be an http:// or https:// URL\"}"));
        assertEquals(": webhooks are not supported", RunpodErrors.said(Kind.REJECTED, "webhooks are not\n supported"));
        assertEquals("", RunpodErrors.said(Kind.REJECTED, "<html><body>Bad Request</body></html>"));
        assertEquals("", RunpodErrors.said(Kind.SERVER_ERROR, "{\"error\": \"boom\"}"));
    }

    @Test
    void connectionFailuresNameHostAndPortInWords() {
        RuntimeException refused = new RuntimeException("io.vertx.core.impl.NoStackTraceThrowable",
                new ConnectException("Connection refused: /127.0.0.1:8000"));
        assertEquals("cannot connect to 127.0.0.1:8000 (connection refused): is the endpoint API running there? "
                + "Check RUNPOD_ENDPOINT_BASE_URL",
                RunpodCalls.transportFailure(refused, URI.create("http://127.0.0.1:8000/v2")).getMessage());
        assertEquals("cannot connect to api.runpod.ai:443 (unknown host): is the endpoint API running there? "
                + "Check RUNPOD_ENDPOINT_BASE_URL", RunpodCalls.transportFailure(new RuntimeException(
                        new UnknownHostException("api.runpod.ai")), URI.create("https://api.runpod.ai/v2")).getMessage());
        assertEquals("no answer from 127.0.0.1:8000 (Connection reset)", RunpodCalls.transportFailure(
                new RuntimeException(new IOException("java.net.SocketException: Connection reset")),
                URI.create("http://127.0.0.1:8000/v2")).getMessage());
    }
}
