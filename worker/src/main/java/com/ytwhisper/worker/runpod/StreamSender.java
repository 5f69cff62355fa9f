package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import org.jboss.logging.Logger;

/**
 * Posts transcript pieces to job-stream ({@code RUNPOD_WEBHOOK_POST_STREAM}) with job-done's
 * headers and {@code isStream=false}, as runpod-python does ({@code rp_http.py: stream_result}).
 * Best effort: a 5xx or a dropped connection is tried again a few times, as the SDK does; a lost
 * piece never fails the job, whose result carries the whole transcript anyway.
 */
final class StreamSender {

    private static final Logger LOG = Logger.getLogger(StreamSender.class);
    /** At most one post per job per second, as the 4-hour-video budget asks. */
    static final Duration INTERVAL = Duration.ofSeconds(1);
    private static final int ATTEMPTS = 3;
    private static final long RETRY_PAUSE_MS = 500;

    private final PlatformClient client;
    private final PlatformUrls urls;
    private final Duration requestTimeout;

    StreamSender(PlatformClient client, PlatformUrls urls, Duration requestTimeout) {
        this.client = client;
        this.urls = urls;
        this.requestTimeout = requestTimeout;
    }

    /** A stream for one job, or null when the platform gave no job-stream URL. */
    TranscriptStream open(String jobId, ScheduledExecutorService executor) {
        return urls.hasStream() ? new TranscriptStream(jobId, INTERVAL, executor, this::post) : null;
    }

    void post(String jobId, ObjectNode body) {
        String text = body.toString();
        String failure = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> r = client.post(urls.stream(jobId), text, jobId, requestTimeout);
                if (r.statusCode() / 100 == 2) {
                    return;
                }
                failure = "HTTP " + r.statusCode();
                if (r.statusCode() < 500) {
                    break; // the platform refused this body; sending it again cannot help
                }
            } catch (IOException e) {
                failure = Failures.describe(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            if (attempt < ATTEMPTS) {
                try {
                    Thread.sleep(RETRY_PAUSE_MS * attempt);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
        LOG.warnf("job %s: a transcript stream post was not accepted (%s); the result still carries everything",
                jobId, failure);
    }
}
