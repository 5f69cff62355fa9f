package com.ytwhisper.worker.runpod;

import com.ytwhisper.worker.shared.DaemonThreads;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Long-polls the per-job stop channel (docs/runpod-protocol.md §1.13) on its own thread and cancels
 * the jobs it names. Endpoints without the channel answer 404: that is tolerated with back-off.
 */
final class StopSignals implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(StopSignals.class);
    private static final Duration EMPTY_PAUSE = Duration.ofSeconds(1);

    private final PlatformClient client;
    private final PlatformUrls urls;
    private final JobsInProgress jobs;
    private final LoopSettings settings;
    private final ObjectMapper json;
    private final Thread thread;
    private volatile boolean stopped;

    StopSignals(PlatformClient client, PlatformUrls urls, JobsInProgress jobs, LoopSettings settings, ObjectMapper json) {
        this.client = client;
        this.urls = urls;
        this.jobs = jobs;
        this.settings = settings;
        this.json = json;
        this.thread = DaemonThreads.create("runpod-stop-signals", this::loop);
    }

    void start() {
        if (!urls.hasStopChannel()) {
            LOG.info("no stop channel: RUNPOD_WEBHOOK_GET_JOB has no /job-take/ segment to derive job-stop from");
            return;
        }
        thread.start();
    }

    private void loop() {
        Backoff backoff = new Backoff(settings.backoffMin(), settings.backoffMax().plus(settings.backoffMax()));
        while (!stopped) {
            Duration pause;
            try {
                long started = System.nanoTime();
                HttpResponse<String> r = client.get(urls.stop(), settings.takeTimeout());
                pause = handle(r, backoff);
                if (pause.isZero() && Duration.ofNanos(System.nanoTime() - started).compareTo(EMPTY_PAUSE) < 0) {
                    pause = EMPTY_PAUSE; // an answer that was not held open must not become a hot loop
                }
            } catch (HttpTimeoutException e) {
                pause = Duration.ZERO;
            } catch (IOException e) {
                LOG.debugf("job-stop poll failed: %s", Failures.describe(e));
                pause = backoff.next();
            } catch (InterruptedException e) {
                return;
            }
            sleep(pause);
        }
    }

    private Duration handle(HttpResponse<String> r, Backoff backoff) {
        int code = r.statusCode();
        if (code == 429) {
            return settings.throttleWait();
        }
        if (code == 204) {
            backoff.reset();
            return Duration.ZERO;
        }
        if (code != 200) {
            LOG.debugf("job-stop answered HTTP %d", code);
            return backoff.next();
        }
        backoff.reset();
        try {
            JsonNode ids = json.readTree(r.body()).path("jobsToStop");
            for (JsonNode id : ids) {
                if (id.isTextual() && jobs.cancel(id.asText(), "stopped by the platform")) {
                    LOG.infof("job %s stopped by the platform", id.asText());
                }
            }
        } catch (IOException e) {
            LOG.debugf("job-stop answered unreadable JSON");
        }
        return Duration.ZERO;
    }

    private void sleep(Duration pause) {
        if (pause.isZero() || stopped) {
            return;
        }
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stopped = true;
        thread.interrupt();
    }
}
