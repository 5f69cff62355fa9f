package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which Host and Origin headers the local API answers (issue: web pages and DNS rebinding reached it). */
class CallerOriginTest {

    private static final int PORT = 8000;

    @Test
    void onLoopbackOnlyLoopbackNamesWithThePortAreAnswered() {
        CallerOrigin callers = new CallerOrigin("127.0.0.1");
        for (String host : new String[] {"127.0.0.1:8000", "localhost:8000", "LOCALHOST:8000", "[::1]:8000",
                "127.0.0.2:8000", "localhost.:8000"}) {
            assertEquals(Optional.empty(), callers.checkHost(host, PORT), host);
        }
        for (String host : new String[] {"attacker.example", "attacker.example:8000", "127.0.0.1:8001", "127.0.0.1",
                "localhost", "evil.localhost.example:8000", "127.0.0.1:8000:1", "user@127.0.0.1:8000", "[::1",
                "10.0.0.5:8000"}) {
            assertEquals(403, callers.checkHost(host, PORT).map(CallerOrigin.Refusal::status).orElse(0), host);
        }
        assertTrue(callers.checkHost("attacker.example", PORT).get().message().contains("Host: 127.0.0.1:8000"));
    }

    @Test
    void aMissingHostIs400() {
        CallerOrigin.Refusal refusal = new CallerOrigin("127.0.0.1").checkHost(null, PORT).orElseThrow();
        assertEquals(400, refusal.status());
        assertTrue(refusal.message().contains("no Host header"), refusal.message());
    }

    @Test
    void port80MayBeLeftOut() {
        assertEquals(Optional.empty(), new CallerOrigin("127.0.0.1").checkHost("localhost", 80));
    }

    @Test
    void aBoundAddressIsAnsweredBesideLoopback() {
        CallerOrigin callers = new CallerOrigin("192.168.1.20");
        assertEquals(Optional.empty(), callers.checkHost("192.168.1.20:8000", PORT));
        assertEquals(Optional.empty(), callers.checkHost("localhost:8000", PORT));
        assertEquals(403, callers.checkHost("gpu-box:8000", PORT).orElseThrow().status());
        CallerOrigin v6 = new CallerOrigin("[::1]");
        assertEquals(Optional.empty(), v6.checkHost("[::1]:8000", PORT));
    }

    @Test
    void onAWildcardAddressAnyHostWithThePortIsAnsweredTheKeyProtectsIt() {
        CallerOrigin callers = new CallerOrigin("0.0.0.0");
        assertEquals(Optional.empty(), callers.checkHost("gpu-box.lan:8000", PORT));
        assertEquals(403, callers.checkHost("gpu-box.lan:9999", PORT).orElseThrow().status());
        assertEquals(403, callers.checkOrigin("http://gpu-box.lan:8000", PORT).orElseThrow().status(),
                "a web page is refused on any address");
    }

    @Test
    void noOriginOrTheApisOwnIsAnsweredAForeignOneIsRefused() {
        CallerOrigin callers = new CallerOrigin("127.0.0.1");
        assertEquals(Optional.empty(), callers.checkOrigin(null, PORT));
        assertEquals(Optional.empty(), callers.checkOrigin("http://127.0.0.1:8000", PORT));
        assertEquals(Optional.empty(), callers.checkOrigin("http://localhost:8000", PORT));
        for (String origin : new String[] {"http://attacker.example", "null", "http://localhost:3000",
                "https://127.0.0.1", "file://", "chrome-extension://abc", "http://127.0.0.1:8000.attacker.example"}) {
            CallerOrigin.Refusal refusal = callers.checkOrigin(origin, PORT).orElseThrow(() -> new AssertionError(origin));
            assertEquals(403, refusal.status(), origin);
            assertTrue(refusal.message().startsWith("Origin '"), refusal.message());
        }
    }
}
