package com.ytwhisper.worker.runpod;

import com.ytwhisper.worker.shared.DaemonThreads;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Pings the platform on its own thread with the ids of the jobs held
 * (docs/runpod-protocol.md §1.12), so a busy handler can never starve it. The pause follows each
 * attempt, as the SDK does.
 */
final class Heartbeat implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Heartbeat.class);

    private final PlatformClient client;
    private final PlatformUrls urls;
    private final JobsInProgress jobs;
    private final Duration interval;
    private final String version;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            body -> DaemonThreads.create("runpod-heartbeat", body));

    Heartbeat(PlatformClient client, PlatformUrls urls, JobsInProgress jobs, Duration interval, String version) {
        this.client = client;
        this.urls = urls;
        this.jobs = jobs;
        this.interval = interval;
        this.version = version;
    }

    void start() {
        thread.scheduleWithFixedDelay(this::ping, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void ping() {
        try {
            HttpResponse<String> r = client.get(urls.ping(jobs.ids(), version), interval.multipliedBy(2));
            if (r.statusCode() / 100 != 2) {
                LOG.warnf("heartbeat answered HTTP %d", r.statusCode());
            }
        } catch (IOException e) {
            LOG.warnf("heartbeat failed: %s", Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
