package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.ProgressSink;
import com.ytwhisper.worker.runpod.HandlerInvoker;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Test-input mode (docs/runpod-protocol.md §2.2): one job from {@code --test_input} or
 * {@code ./test_input.json}, its job-done body as JSON on stdout, logs on stderr; exit 0 on
 * success, 1 on failure.
 */
public final class TestInputRun {

    private static final Logger LOG = Logger.getLogger(TestInputRun.class);
    private static final String DEFAULT_FILE = "test_input.json";

    private final HandlerInvoker invoker;
    private final ObjectMapper json;
    private final PrintStream out;

    public TestInputRun(HandlerInvoker invoker, ObjectMapper json, PrintStream out) {
        this.invoker = invoker;
        this.json = json;
        this.out = out;
    }

    public int run(Optional<String> testInput, Path workingDir) {
        JsonNode job;
        try {
            job = read(testInput, workingDir);
        } catch (IllegalArgumentException e) {
            LOG.error(e.getMessage());
            return 1;
        }
        if (!job.isObject() || !job.has("input")) {
            LOG.error("the test input has no \"input\" key: give {\"input\": {...}}");
            return 1;
        }
        String id = job.path("id").isTextual() ? job.get("id").asText() : "local_test";
        try {
            invoker.awaitReady();
        } catch (RuntimeException e) {
            LOG.errorf("the engine failed to start: %s", e.getMessage());
            return 1;
        }
        ObjectNode body = invoker.run(id, job.get("input"), ProgressSink.NONE, Cancellation.none());
        // JSON is UTF-8 whatever the locale: under LANG=C a println would print "?" for non-ASCII
        byte[] line = (body.toString() + "\n").getBytes(StandardCharsets.UTF_8);
        out.write(line, 0, line.length);
        out.flush();
        return body.has("error") ? 1 : 0;
    }

    private JsonNode read(Optional<String> testInput, Path workingDir) {
        String text;
        String source;
        if (testInput.isPresent()) {
            text = testInput.get();
            source = "--test_input";
        } else {
            Path file = workingDir.resolve(DEFAULT_FILE);
            if (!Files.isRegularFile(file)) {
                throw new IllegalArgumentException("no job to run: RUNPOD_WEBHOOK_GET_JOB is not set (not on the "
                        + "platform), and there is neither --test_input '<json>' nor " + file);
            }
            try {
                text = Files.readString(file);
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage());
            }
            source = file.toString();
        }
        try {
            return json.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException(source + " is not valid JSON: " + e.getOriginalMessage());
        }
    }
}
