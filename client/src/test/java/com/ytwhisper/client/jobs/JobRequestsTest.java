package com.ytwhisper.client.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The rules a job must meet before it is sent, and how options and defaults combine. */
class JobRequestsTest {

    static final JobRequest.Credentials KEYS = new JobRequest.Credentials("AKIA1", "secret", "https://s3.example");
    static final JobRequests.Defaults DEFAULTS = new JobRequests.Defaults(Duration.ofHours(3), null, "en",
            List.of("srt"), "bucket", "transcriptions/", KEYS);

    final JobRequests requests = new JobRequests(DEFAULTS);

    static JobRequests.Options options(String requestId, String task, List<String> formats, Duration execution,
            Duration ttl, boolean credentials) {
        return new JobRequests.Options(requestId, null, task, formats, null, null, null, execution, ttl, credentials);
    }

    static String refusal(Runnable attempt) {
        return assertThrows(JobRequests.InvalidRequest.class, attempt::run).getMessage();
    }

    @Test
    void defaultsFillWhatWasNotAsked() {
        JobRequest request = requests.create("https://v.example/a", JobRequests.Options.none());
        assertEquals(new JobRequest("https://v.example/a", null, "bucket", "transcriptions/", "en", null, List.of("srt"),
                null, null, Duration.ofHours(3), null), request);
    }

    @Test
    void optionsWinOverDefaults() {
        JobRequest request = requests.create("https://v.example/a", new JobRequests.Options("talk-1", "my", "translate",
                List.of("vtt", "json"), "other", "p/", "https://hook.example", Duration.ofHours(1), Duration.ofHours(2), true));
        assertEquals(new JobRequest("https://v.example/a", "talk-1", "other", "p/", "my", "translate", List.of("vtt", "json"),
                KEYS, "https://hook.example", Duration.ofHours(1), Duration.ofHours(2)), request);
    }

    @Test
    void everyRuleIsCheckedWithAMessageNamingTheOption() {
        assertEquals("give at least one URL (or --from-file FILE)", refusal(() -> requests.create(List.of(), JobRequests.Options.none())));
        assertEquals("--request-id names one output object; give exactly one URL with it", refusal(() -> requests.create(
                List.of("https://a.example/1", "https://a.example/2"), options("x", null, null, null, null, false))));
        assertEquals("'ftp://a.example/1' is not an http(s) URL",
                refusal(() -> requests.create("ftp://a.example/1", JobRequests.Options.none())));
        assertEquals("--request-id may use letters, digits, - and _ (up to 128), starting with a letter or digit",
                refusal(() -> requests.create("https://a.example", options("../x", null, null, null, null, false))));
        assertEquals("--task must be transcribe or translate, not 'summarise'",
                refusal(() -> requests.create("https://a.example", options(null, "summarise", null, null, null, false))));
        assertEquals("--format must be srt, vtt, json or txt, not 'doc'",
                refusal(() -> requests.create("https://a.example", options(null, null, List.of("srt", "doc"), null, null, false))));
        assertEquals("--execution-timeout must be between 5s and 7d",
                refusal(() -> requests.create("https://a.example", options(null, null, null, Duration.ofSeconds(4), null, false))));
        assertEquals("--ttl must be between 10s and 7d",
                refusal(() -> requests.create("https://a.example", options(null, null, null, null, Duration.ofDays(8), false))));
    }

    @Test
    void theTtlMustOutlastTheExecutionTimeoutRunpodsDefaultIncluded() {
        assertEquals("the ttl (2h) must be longer than the execution timeout (3h): Runpod deletes a job when its ttl ends, "
                + "even while it runs. Raise --ttl or lower --execution-timeout",
                refusal(() -> requests.create("https://a.example", options(null, null, null, null, Duration.ofHours(2), false))));
        assertEquals("the ttl (1d, Runpod's default) must be longer than the execution timeout (2d): Runpod deletes a job "
                + "when its ttl ends, even while it runs. Raise --ttl or lower --execution-timeout",
                refusal(() -> requests.create("https://a.example", options(null, null, null, Duration.ofDays(2), null, false))));
    }

    @Test
    void credentialsAreSentOnlyWhenAskedAndBothKeysAreSet() {
        assertNull(requests.create("https://a.example", JobRequests.Options.none()).credentials());
        JobRequests withoutKeys = new JobRequests(new JobRequests.Defaults(Duration.ofHours(3), null, null, null, null, null, null));
        assertEquals("--pass-credentials needs AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY to be set",
                refusal(() -> withoutKeys.create("https://a.example", options(null, null, null, null, null, true))));
    }
}
