package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.pipeline.JobHandler;
import java.io.IOException;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Platform mode (docs/runpod-protocol.md §1.1): wait for the engine, start the heartbeat and the
 * stop channel, run the take loop until a signal, drain, exit 0. A failed start is reported on the
 * ping URL as unhealthy (docs/runpod-protocol.md §1.17) and ends the process with 1.
 */
public final class PlatformWorker {

    private static final Logger LOG = Logger.getLogger(PlatformWorker.class);
    private static final Duration UNHEALTHY_REPORT_TIMEOUT = Duration.ofSeconds(2);

    private final JobHandler handler;
    private final PlatformClient client;
    private final PlatformUrls urls;
    private final WorkerIdentity identity;
    private final LoopSettings settings;
    private final JobsInProgress jobs = new JobsInProgress();
    private final JobLoop loop;
    private final Heartbeat heartbeat;
    private final StopSignals stopSignals;
    private final Outbox outbox;

    public PlatformWorker(JobHandler handler, PlatformUrls urls, String apiKey, WorkerIdentity identity,
                          LoopSettings settings, boolean refreshAfterJob, ObjectMapper json) {
        this.handler = handler;
        this.urls = urls;
        this.identity = identity;
        this.settings = settings;
        this.client = new PlatformClient(apiKey, identity, settings.requestTimeout());
        ResultSender sender = new ResultSender(client, urls, settings, json);
        HandlerInvoker invoker = new HandlerInvoker(handler, identity, json, refreshAfterJob);
        this.outbox = new Outbox(sender, settings, json);
        this.loop = new JobLoop(settings, new JobTaker(client, urls, settings.takeTimeout(), json), sender, invoker, jobs,
                outbox, new StreamSender(client, urls, settings.requestTimeout()));
        boolean canPing = urls.hasPing() && apiKey != null && !apiKey.isEmpty();
        this.heartbeat = canPing ? new Heartbeat(client, urls, jobs, settings.pingInterval(), identity.version()) : null;
        this.stopSignals = new StopSignals(client, urls, jobs, settings, json);
    }

    /** Builds the worker from the platform's environment. */
    public static PlatformWorker fromConfig(JobHandler handler, PlatformConfig rp, WorkerLoopConfig loop,
                                            WorkerIdentity identity, ObjectMapper json) {
        PlatformUrls urls = PlatformUrls.of(rp.webhookGetJob().orElseThrow(), rp.webhookPostOutput().orElse(null),
                rp.webhookPing().orElse(null), identity.podId())
                .withStream(rp.webhookPostStream().orElse(null), identity.podId());
        return new PlatformWorker(handler, urls, rp.aiApiKey().orElse(null), identity,
                LoopSettings.from(loop, rp, identity.podId()), loop.refreshAfterJob(), json);
    }

    /** Blocks until shut down; returns the process exit code. */
    public int run() throws InterruptedException {
        LOG.infof("worker %s starting in platform mode (concurrency %d)", identity.podId(), settings.concurrency());
        try {
            handler.awaitReady();
        } catch (RuntimeException e) {
            String reason = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
            LOG.errorf("the engine failed to start: %s", reason);
            reportUnhealthy(reason);
            return 1;
        }
        if (heartbeat != null) {
            heartbeat.start();
        } else {
            LOG.warn("no heartbeat: RUNPOD_WEBHOOK_PING, RUNPOD_AI_API_KEY or RUNPOD_POD_ID is not set");
        }
        stopSignals.start();
        outbox.start();
        try {
            loop.run();
        } finally {
            outbox.close();
            stopSignals.close();
            if (heartbeat != null) {
                heartbeat.close();
            }
        }
        int waiting = outbox.pending().size();
        if (waiting > 0) {
            LOG.warnf("worker stopped; %d result(s) the platform has not taken wait in %s; a worker started with "
                    + "the same WORKER_STATE_DIR delivers them", waiting, outbox.dir());
        } else {
            LOG.info("worker stopped");
        }
        return 0;
    }

    public void requestShutdown() {
        loop.requestShutdown();
    }

    private void reportUnhealthy(String reason) {
        if (!urls.hasPing()) {
            return;
        }
        try {
            client.get(urls.unhealthy("engine", reason, identity.version()), UNHEALTHY_REPORT_TIMEOUT);
        } catch (IOException e) {
            LOG.warnf("could not report the failed start: %s", Failures.describe(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
