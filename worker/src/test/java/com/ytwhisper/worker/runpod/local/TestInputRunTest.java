package com.ytwhisper.worker.runpod.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.runpod.HandlerInvoker;
import com.ytwhisper.worker.runpod.StandInHandler;
import com.ytwhisper.worker.runpod.WorkerIdentity;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Test-input mode (docs/runpod-protocol.md §2.2), with the stand-in handler. */
class TestInputRunTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    private final ObjectMapper json = new ObjectMapper();

    private int run(Optional<String> testInput) {
        HandlerInvoker invoker = new HandlerInvoker(new StandInHandler(), new WorkerIdentity("p", "h", "v"), json, false);
        return new TestInputRun(invoker, json, new PrintStream(stdout, true, StandardCharsets.UTF_8)).run(testInput, dir);
    }

    private JsonNode printed() throws Exception {
        return json.readTree(stdout.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theFlagWinsOverTheFileAndTheResultIsPrintedAlone() throws Exception {
        Files.writeString(dir.resolve("test_input.json"), "{\"input\":{\"from\":\"file\"}}");
        assertEquals(0, run(Optional.of("{\"id\":\"j1\",\"input\":{\"from\":\"flag\"}}")));
        assertEquals("flag", printed().path("output").path("echo").path("from").asText());
    }

    @Test
    void withoutTheFlagTheFileInTheWorkingDirectoryIsRun() throws Exception {
        Files.writeString(dir.resolve("test_input.json"), "{\"input\":{\"from\":\"file\"}}");
        assertEquals(0, run(Optional.empty()));
        assertEquals("file", printed().path("output").path("echo").path("from").asText());
    }

    @Test
    void aFailedJobPrintsItsErrorAndExitsOne() throws Exception {
        assertEquals(1, run(Optional.of("{\"input\":{\"fail\":\"no such video\"}}")));
        assertEquals("no such video", printed().path("error").asText());
    }

    @Test
    void noJobAtAllOrNoInputKeyOrBadJsonExitOneWithNothingOnStdout() {
        assertEquals(1, run(Optional.empty()));
        assertEquals(1, run(Optional.of("{\"youtube_url\":\"https://example.com\"}")));
        assertEquals(1, run(Optional.of("{not json")));
        assertTrue(stdout.toString(StandardCharsets.UTF_8).isEmpty());
    }
}
