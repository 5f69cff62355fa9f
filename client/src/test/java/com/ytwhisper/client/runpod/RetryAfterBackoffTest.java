package com.ytwhisper.client.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import com.ytwhisper.client.runpod.RunpodCallException.Kind;

class RetryAfterBackoffTest {

    @Test
    void delaysGrowExponentiallyWithJitterUpToTheCap() {
        RetryAfterBackoff backoff = new RetryAfterBackoff(1000);
        backoff.init(100);
        long[][] bounds = { { 50, 100 }, { 100, 200 }, { 200, 400 }, { 400, 800 }, { 500, 1000 }, { 500, 1000 } };
        for (long[] bound : bounds) {
            long delay = backoff.nextDelayInMillis(new RuntimeException());
            assertTrue(delay >= bound[0] && delay <= bound[1], delay + " not in " + bound[0] + ".." + bound[1]);
        }
    }

    @Test
    void waitsAtLeastTheServersRetryAfterButNeverBeyondTheCap() {
        RetryAfterBackoff backoff = new RetryAfterBackoff(5000);
        backoff.init(10);
        assertEquals(3000, backoff.nextDelayInMillis(refused(Duration.ofSeconds(3))));
        assertEquals(5000, backoff.nextDelayInMillis(refused(Duration.ofSeconds(60))));
    }

    @Test
    void readsRetryAfterAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2026-03-04T05:06:07Z");
        assertEquals(Duration.ofSeconds(7), RunpodErrors.retryAfter("7", now));
        assertEquals(Duration.ofSeconds(30), RunpodErrors.retryAfter("Wed, 04 Mar 2026 05:06:37 GMT", now));
        assertEquals(Duration.ZERO, RunpodErrors.retryAfter("Wed, 04 Mar 2026 05:00:00 GMT", now));
        assertEquals(null, RunpodErrors.retryAfter("soon", now));
        assertEquals(null, RunpodErrors.retryAfter(null, now));
    }

    @Test
    void statusCodesMapToWhatTheCallerMayConclude() {
        assertEquals(Kind.KEY_REJECTED, RunpodErrors.kindOf(401));
        assertEquals(Kind.KEY_REJECTED, RunpodErrors.kindOf(403));
        assertEquals(Kind.NOT_FOUND, RunpodErrors.kindOf(404));
        assertEquals(Kind.REFUSED, RunpodErrors.kindOf(429));
        assertEquals(Kind.REFUSED, RunpodErrors.kindOf(503));
        assertEquals(Kind.SERVER_ERROR, RunpodErrors.kindOf(500));
        assertEquals(Kind.SERVER_ERROR, RunpodErrors.kindOf(502));
        assertEquals(Kind.REJECTED, RunpodErrors.kindOf(400));
    }

    private static RunpodCallException refused(Duration retryAfter) {
        return RunpodCallException.of(Kind.REFUSED, 429, retryAfter, "", "refused", null);
    }
}
