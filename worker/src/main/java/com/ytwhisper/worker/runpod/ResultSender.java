package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Posts results to job-done (docs/runpod-protocol.md §1.8). A final body is retried through 5xx,
 * dropped connections and timeouts with back-off until the first 2xx or until its budget is spent,
 * and never again after a 2xx. A 4xx is not retried with the same body: it is logged and replaced,
 * once, by a short error the platform can accept.
 */
final class ResultSender {

    private static final Logger LOG = Logger.getLogger(ResultSender.class);

    /** How a final delivery ended. */
    enum Outcome {
        /** The platform accepted the body. */
        DELIVERED,
        /** The platform refused the body (4xx) and accepted the replacement error. */
        REPLACED,
        /** The budget ran out before the platform answered with a 2xx: the outbox keeps it. */
        GAVE_UP,
        /** The platform refused even the replacement error: nothing more can be sent. */
        REFUSED
    }

    private final PlatformClient client;
    private final PlatformUrls urls;
    private final LoopSettings settings;
    private final ObjectMapper json;

    ResultSender(PlatformClient client, PlatformUrls urls, LoopSettings settings, ObjectMapper json) {
        this.client = client;
        this.urls = urls;
        this.settings = settings;
        this.json = json;
    }

    /** Delivers a final body; {@code stop} cuts the retries short (used at the shutdown deadline). */
    Outcome deliver(String jobId, ObjectNode body, BooleanSupplier stop) throws InterruptedException {
        return deliver(jobId, body, settings.deliveryBudget(), stop);
    }

    /** As above with its own budget; {@link Duration#ZERO} makes one try. */
    Outcome deliver(String jobId, ObjectNode body, Duration budget, BooleanSupplier stop) throws InterruptedException {
        Posted first = post(jobId, body, budget, stop);
        if (first instanceof Posted.Accepted) {
            return Outcome.DELIVERED;
        }
        if (first instanceof Posted.GaveUp) {
            LOG.warnf("the result of job %s was not accepted within %d ms", jobId, budget.toMillis());
            return Outcome.GAVE_UP;
        }
        int refused = ((Posted.Refused) first).status();
        LOG.errorf("the platform refused the result of job %s with HTTP %d; sending a short error instead",
                jobId, refused);
        ObjectNode replacement = json.createObjectNode();
        replacement.put("error", "result rejected by the platform: HTTP " + refused);
        // the same shape as every failure; the request id is the one the refused body named
        replacement.putObject("output").put("status", "error")
                .set("request_id", body.path("output").path("request_id").isTextual()
                        ? body.path("output").get("request_id") : json.nullNode());
        copyStopPod(body, replacement);
        Posted again = post(jobId, replacement, budget, stop);
        if (again instanceof Posted.Accepted) {
            return Outcome.REPLACED;
        }
        if (again instanceof Posted.GaveUp) {
            return Outcome.GAVE_UP;
        }
        LOG.errorf("the platform refused the replacement error for job %s too (HTTP %d); its result is lost",
                jobId, ((Posted.Refused) again).status());
        return Outcome.REFUSED;
    }

    private static void copyStopPod(ObjectNode from, ObjectNode to) {
        if (from.has("stopPod")) {
            to.set("stopPod", from.get("stopPod"));
        }
    }

    /** How the posts of one body ended. */
    private sealed interface Posted {
        /** A 2xx. */
        record Accepted() implements Posted {}

        /** A 4xx other than 408 and 429: the same body will not be taken. */
        record Refused(int status) implements Posted {}

        /** 5xx, 408, 429 or no answer until the budget ran out (or {@code stop} said so). */
        record GaveUp() implements Posted {}
    }

    private Posted post(String jobId, ObjectNode body, Duration budget, BooleanSupplier stop) throws InterruptedException {
        String text = body.toString();
        long deadline = System.nanoTime() + budget.toNanos();
        Backoff backoff = new Backoff(settings.backoffMin(), settings.backoffMax());
        int attempt = 0;
        while (true) {
            attempt++;
            String failure;
            try {
                HttpResponse<String> r = client.post(urls.done(jobId, false), text, jobId, settings.requestTimeout());
                int code = r.statusCode();
                if (code / 100 == 2) {
                    if (attempt > 1) {
                        LOG.infof("result of job %s delivered on attempt %d", jobId, attempt);
                    }
                    return new Posted.Accepted();
                }
                if (code >= 400 && code < 500 && code != 408 && code != 429) {
                    return new Posted.Refused(code);
                }
                failure = "HTTP " + code;
            } catch (IOException e) {
                failure = Failures.describe(e);
            }
            Duration pause = backoff.next();
            if (stop.getAsBoolean() || System.nanoTime() + pause.toNanos() > deadline) {
                LOG.warnf("delivering job %s failed (%s) on attempt %d; no retry left", jobId, failure, attempt);
                return new Posted.GaveUp();
            }
            LOG.warnf("delivering job %s failed (%s) on attempt %d; retrying in %d ms",
                    jobId, failure, attempt, pause.toMillis());
            Thread.sleep(pause.toMillis());
        }
    }

    /** Sends one progress update; best effort, never retried, never blocks a result for long. */
    void progress(String jobId, ObjectNode body) {
        try {
            HttpResponse<String> r = client.post(urls.done(jobId, false), body.toString(), jobId, settings.requestTimeout());
            if (r.statusCode() / 100 != 2) {
                LOG.debugf("progress update for job %s answered HTTP %d", jobId, r.statusCode());
            }
        } catch (IOException e) {
            LOG.debugf("progress update for job %s failed: %s", jobId, Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
