package com.ytwhisper.worker.runpod;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformUrlsTest {

    private static final String BASE = "https://api.runpod.ai/v2/ep1";

    @Test
    void substitutesBothPlaceholdersInTheTakeTemplateAndAppendsToAnExistingQuery() {
        PlatformUrls urls = PlatformUrls.of(BASE + "/job-take/$RUNPOD_POD_ID?gpu=NVIDIA+RTX+A5000",
                BASE + "/job-done/$RUNPOD_POD_ID/$ID?gpu=NVIDIA+RTX+A5000", BASE + "/ping/$RUNPOD_POD_ID?gpu=X", "pod42");
        assertEquals(BASE + "/job-take/pod42?gpu=NVIDIA+RTX+A5000&job_in_progress=0", urls.take(1, false).toString());
        PlatformUrls sdkStyle = PlatformUrls.of(BASE + "/job-take/$ID", BASE + "/job-done/$RUNPOD_POD_ID/$ID", null, "pod42");
        assertEquals(BASE + "/job-take/pod42?job_in_progress=1", sdkStyle.take(1, true).toString());
    }

    @Test
    void usesAQuestionMarkWhenTheTemplateHasNoQuery() {
        PlatformUrls urls = PlatformUrls.of(BASE + "/job-take/$RUNPOD_POD_ID", BASE + "/job-done/$RUNPOD_POD_ID/$ID",
                BASE + "/ping/$RUNPOD_POD_ID", "p");
        assertEquals(BASE + "/job-done/p/job-7?isStream=false", urls.done("job-7", false).toString());
        assertEquals(BASE + "/ping/p?runpod_version=ytw-worker%2F1", urls.ping(List.of(), "ytw-worker/1").toString());
        assertEquals(BASE + "/job-stop/p", urls.stop().toString());
    }

    @Test
    void jobStreamTakesThePodAndJobIdsLikeJobDone() {
        PlatformUrls urls = PlatformUrls.of(BASE + "/job-take/$RUNPOD_POD_ID?gpu=A", BASE + "/job-done/$RUNPOD_POD_ID/$ID?gpu=A",
                null, "p");
        assertFalse(urls.hasStream());
        assertFalse(urls.withStream(" ", "p").hasStream());
        PlatformUrls streaming = urls.withStream(BASE + "/job-stream/$RUNPOD_POD_ID/$ID?gpu=A", "p");
        assertTrue(streaming.hasStream());
        assertEquals(BASE + "/job-stream/p/j1?gpu=A&isStream=false", streaming.stream("j1").toString());
        assertEquals(urls.done("j1", false), streaming.done("j1", false));
    }

    @Test
    void batchTakeSwitchesTheRouteAndAsksForTheBatchSize() {
        PlatformUrls urls = PlatformUrls.of(BASE + "/job-take/$RUNPOD_POD_ID?gpu=A", BASE + "/job-done/$RUNPOD_POD_ID/$ID?gpu=A",
                null, "p");
        assertEquals(BASE + "/job-take-batch/p?gpu=A&batch_size=3&job_in_progress=1", urls.take(3, true).toString());
        assertEquals(BASE + "/job-done/p/j1?gpu=A&isStream=false", urls.done("j1", false).toString());
        assertEquals(BASE + "/job-stop/p?gpu=A", urls.stop().toString());
    }

    @Test
    void pingListsHeldJobsAndUnhealthyReportCutsTheReason() {
        PlatformUrls urls = PlatformUrls.of(BASE + "/job-take/$RUNPOD_POD_ID", BASE + "/job-done/$RUNPOD_POD_ID/$ID",
                BASE + "/ping/$RUNPOD_POD_ID?gpu=A", "p");
        assertEquals(BASE + "/ping/p?gpu=A&job_id=a%2Cb&runpod_version=v", urls.ping(List.of("a", "b"), "v").toString());
        String unhealthy = urls.unhealthy("engine", "x".repeat(400), "v").toString();
        assertTrue(unhealthy.contains("status=unhealthy&check=engine&reason=" + "x".repeat(256) + "&runpod_version=v"),
                unhealthy);
    }

    @Test
    void refusesAMissingDoneTemplateWithTheVariableName() {
        var e = assertThrows(IllegalArgumentException.class, () -> PlatformUrls.of(BASE + "/job-take/$ID", null, null, "p"));
        assertTrue(e.getMessage().contains("RUNPOD_WEBHOOK_POST_OUTPUT"), e.getMessage());
    }

    @Test
    void aTakeTemplateWithoutJobTakeHasNoStopChannel() {
        PlatformUrls urls = PlatformUrls.of(BASE + "/job-take-batch/$ID", BASE + "/job-done/$RUNPOD_POD_ID/$ID", null, "p");
        assertTrue(!urls.hasStopChannel());
        assertThrows(IllegalStateException.class, urls::stop);
        assertTrue(PlatformUrls.of(BASE + "/job-take/$ID", BASE + "/job-done/$ID", null, "p").hasStopChannel());
    }

    @Test
    void charactersIllegalInAUriArePercentEncodedAndEscapesAreKept() {
        PlatformUrls urls = PlatformUrls.of(BASE + "/job-take/$RUNPOD_POD_ID?gpu=NVIDIA RTX A5000&x=\"a\"",
                BASE + "/job-done/$RUNPOD_POD_ID/$ID?gpu=NVIDIA%20RTX|Ü", BASE + "/ping/$RUNPOD_POD_ID?gpu=A B", "p");
        assertEquals(BASE + "/job-take/p?gpu=NVIDIA%20RTX%20A5000&x=%22a%22&job_in_progress=0",
                urls.take(1, false).toString());
        assertEquals(BASE + "/job-stop/p?gpu=NVIDIA%20RTX%20A5000&x=%22a%22", urls.stop().toString());
        assertEquals(BASE + "/job-done/p/j%20k?gpu=NVIDIA%20RTX%7C%C3%9C&isStream=false", urls.done("j k", false).toString());
        assertEquals(BASE + "/ping/p?gpu=A%20B&runpod_version=v", urls.ping(List.of(), "v").toString());
        assertEquals("50%25", PlatformUrls.uri("50%").toString());
    }
}
