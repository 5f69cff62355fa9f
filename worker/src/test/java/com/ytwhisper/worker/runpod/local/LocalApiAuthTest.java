package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalApiAuthTest {

    private static final String KEY = "k3y-for-tests-only";

    @Test
    void loopbackMeansLocalhostOrALoopbackIpLiteral() {
        for (String host : new String[] {"127.0.0.1", "127.1.2.3", "localhost", "LOCALHOST", "::1", "[::1]"}) {
            assertTrue(LocalApiAuth.isLoopback(host), host);
        }
        for (String host : new String[] {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "my-host",
                "127.0.0.1.example.org"}) {
            assertFalse(LocalApiAuth.isLoopback(host), host);
        }
    }

    @Test
    void onLoopbackEveryCallerIsServedWithOrWithoutAKey() {
        LocalApiAuth auth = LocalApiAuth.of("127.0.0.1", Optional.empty());
        assertTrue(auth.startProblem().isEmpty());
        assertTrue(auth.allows(null));
        assertTrue(auth.allows("Bearer anything"));
        assertTrue(LocalApiAuth.of("127.0.0.1", Optional.of(KEY)).allows(null));
    }

    @Test
    void onAnyOtherAddressTheWorkerDoesNotStartWithoutAKey() {
        for (Optional<String> noKey : java.util.List.of(Optional.<String>empty(), Optional.of(""), Optional.of("  "))) {
            LocalApiAuth auth = LocalApiAuth.of("0.0.0.0", noKey);
            String problem = auth.startProblem().orElseThrow();
            assertTrue(problem.contains("WORKER_LOCAL_API_KEY") && problem.contains("0.0.0.0"), problem);
            assertFalse(auth.allows(null));
            assertFalse(auth.allows("Bearer "));
        }
    }

    @Test
    void onAnyOtherAddressOnlyTheBearerKeyIsServed() {
        LocalApiAuth auth = LocalApiAuth.of("0.0.0.0", Optional.of(KEY));
        assertTrue(auth.startProblem().isEmpty());
        assertTrue(auth.allows("Bearer " + KEY));
        assertTrue(auth.allows("bearer " + KEY));
        assertFalse(auth.allows(null));
        assertFalse(auth.allows(KEY), "the bare key without Bearer");
        assertFalse(auth.allows("Bearer " + KEY + "x"));
        assertFalse(auth.allows("Bearer " + KEY.substring(1)));
        assertFalse(auth.allows("Basic " + KEY));
    }

    @Test
    void theKeyAppearsInNoMessage() {
        LocalApiAuth auth = LocalApiAuth.of("192.168.1.10", Optional.of(KEY));
        assertFalse(auth.toString().contains(KEY), auth.toString());
        assertFalse(auth.refusal().contains(KEY), auth.refusal());
        assertEquals("LocalApiAuth[host=192.168.1.10, loopback=false, key set]", auth.toString());
    }
}
