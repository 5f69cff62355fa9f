package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/** Asks the platform for jobs and reads its answer as docs/runpod-protocol.md §1.6 describes. */
final class JobTaker {

    private static final Logger LOG = Logger.getLogger(JobTaker.class);

    private final PlatformClient client;
    private final PlatformUrls urls;
    private final Duration timeout;
    private final ObjectMapper json;

    JobTaker(PlatformClient client, PlatformUrls urls, Duration timeout, ObjectMapper json) {
        this.client = client;
        this.urls = urls;
        this.timeout = timeout;
        this.json = json;
    }

    /** What one take request brought. */
    sealed interface Outcome {
    }

    /** Jobs to run. */
    record Jobs(List<TakenJob> jobs) implements Outcome {
    }

    record NoJob() implements Outcome {
    }

    record Throttled() implements Outcome {
    }

    record Failed(String reason) implements Outcome {
    }

    /** A job as taken: {@code input} null means the platform sent no input. */
    record TakenJob(String id, JsonNode input) {
    }

    /**
     * Takes up to {@code count} jobs. While the request is in flight, {@code abandon} is checked
     * every few hundred milliseconds: when it turns true the long-poll is given up.
     */
    Outcome take(int count, boolean jobInProgress, BooleanSupplier abandon) throws InterruptedException {
        CompletableFuture<HttpResponse<String>> call = client.getAsync(urls.take(count, jobInProgress), timeout);
        HttpResponse<String> response;
        try {
            response = awaitUnlessAbandoned(call, abandon);
        } catch (TimeoutException | CancellationException e) {
            return new NoJob();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof HttpTimeoutException) {
                return new NoJob(); // the long-poll outlived our cap: simply ask again
            }
            return new Failed(Failures.describe(e.getCause()));
        }
        return read(response);
    }

    private static HttpResponse<String> awaitUnlessAbandoned(CompletableFuture<HttpResponse<String>> call,
                                                             BooleanSupplier abandon)
            throws InterruptedException, ExecutionException, TimeoutException {
        while (true) {
            try {
                return call.get(200, TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (abandon.getAsBoolean()) {
                    call.cancel(true);
                    throw e;
                }
            }
        }
    }

    Outcome read(HttpResponse<String> response) {
        int code = response.statusCode();
        if (code == 204 || code == 400) {
            return new NoJob(); // 400 is what FlashBoot workers see when there is nothing to do
        }
        if (code == 429) {
            return new Throttled();
        }
        if (code != 200) {
            return new Failed("HTTP " + code);
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        String body = response.body();
        if (!type.contains("json") || body == null || body.isBlank()) {
            return new NoJob();
        }
        JsonNode parsed;
        try {
            parsed = json.readTree(body);
        } catch (IOException e) {
            LOG.warnf("job-take answered 200 with unreadable JSON; treating it as no job");
            return new NoJob();
        }
        List<TakenJob> jobs = new ArrayList<>();
        if (parsed.isArray()) {
            parsed.forEach(node -> addJob(node, jobs));
        } else {
            addJob(parsed, jobs);
        }
        return jobs.isEmpty() ? new NoJob() : new Jobs(jobs);
    }

    private static void addJob(JsonNode node, List<TakenJob> jobs) {
        String id = node.path("id").isTextual() ? node.get("id").asText() : null;
        if (id == null || id.isBlank()) {
            LOG.errorf("job-take sent a job without an id; it cannot be run or answered");
            return;
        }
        jobs.add(new TakenJob(id, node.has("input") ? node.get("input") : null));
    }
}
