package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.worker.pipeline.JobHandler;
import com.ytwhisper.worker.runpod.HandlerInvoker;
import com.ytwhisper.worker.runpod.WorkerIdentity;
import io.quarkus.vertx.http.HttpServer;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Serve mode ({@code --rp_serve_api}) once Quarkus is up: the HTTP listener already takes jobs;
 * this waits for the engine and then lets the queue's workers run them.
 */
@Singleton
public class LocalApi {

    private static final Logger LOG = Logger.getLogger(LocalApi.class);

    private final LocalQueue queue;
    private final HttpServer server;
    private final ObjectMapper json;
    private final String host;

    public LocalApi(LocalQueue queue, HttpServer server, ObjectMapper json,
                    @ConfigProperty(name = "quarkus.http.host") String host) {
        this.queue = queue;
        this.server = server;
        this.json = json;
        this.host = host;
    }

    /** Returns 0 once jobs run, or 1 when the engine failed to start. */
    public int start(JobHandler handler, WorkerIdentity identity) {
        LOG.infof("local API listening on %s (run, runsync, status, status-sync, stream, cancel, retry, purge-queue, "
                + "health); "
                + "jobs wait IN_QUEUE until the engine is ready", baseUrl());
        HandlerInvoker invoker = new HandlerInvoker(handler, identity, json, false);
        try {
            invoker.awaitReady();
        } catch (RuntimeException e) {
            LOG.errorf("the engine failed to start: %s", e.getMessage() == null ? e.getClass().getName() : e.getMessage());
            return 1;
        }
        queue.start(invoker, identity.podId());
        LOG.infof("local API: engine ready, worker %s runs jobs", identity.podId());
        return 0;
    }

    /** Where clients reach the API, with the port actually bound (also when 0 was asked for). */
    String baseUrl() {
        return baseUrl(host, server.getPort());
    }

    /** @param host as given, an IPv6 address with or without brackets */
    static String baseUrl(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return "http://" + (bare.contains(":") ? "[" + bare + "]" : bare) + ":" + port + "/v2/<any>/";
    }

    @Produces
    @Singleton
    LocalApiAuth auth(LocalApiConfig config) {
        return LocalApiAuth.of(host, config.localApiKey());
    }
}
