package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import org.junit.jupiter.api.Test;

/** The poller asks soon after a submit (a job leaves the queue in milliseconds on an idle worker), then backs off. */
class PollerDelayTest {

    static final Duration INTERVAL = Duration.ofSeconds(15);

    @Test
    void oneSecondAfterASubmitThenHalfTheYoungestJobsAgeUpToTheInterval() {
        assertEquals(Duration.ofSeconds(1), Poller.nextDelay(INTERVAL, Duration.ZERO));
        assertEquals(Duration.ofSeconds(1), Poller.nextDelay(INTERVAL, Duration.ofMillis(1500)));
        assertEquals(Duration.ofSeconds(4), Poller.nextDelay(INTERVAL, Duration.ofSeconds(8)));
        assertEquals(INTERVAL, Poller.nextDelay(INTERVAL, Duration.ofMinutes(5)));
        assertEquals(Duration.ofMillis(200), Poller.nextDelay(Duration.ofMillis(200), Duration.ZERO), "never beyond the interval");
    }
}
