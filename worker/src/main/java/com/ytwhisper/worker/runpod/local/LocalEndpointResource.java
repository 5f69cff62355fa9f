package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.jboss.resteasy.reactive.RestPath;
import org.jboss.resteasy.reactive.RestQuery;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The cloud endpoint API (reference §3.2) served by the worker itself. Paths are the short ones;
 * {@link LocalApiFilter} maps {@code /v2/<endpoint id>/...} onto them.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class LocalEndpointResource {

    static final long RUNSYNC_DEFAULT_WAIT_MS = 90_000;
    static final long RUNSYNC_MIN_WAIT_MS = 1_000;
    static final long RUNSYNC_MAX_WAIT_MS = 300_000;

    private final LocalQueue queue;
    private final ObjectMapper json;

    public LocalEndpointResource(LocalQueue queue, ObjectMapper json) {
        this.queue = queue;
        this.json = json;
    }

    @POST
    @Path("run")
    public JobView run(String body) {
        return queue.submit(UUID.randomUUID().toString(), JobRequest.parse(body, json, queue.defaultPolicy()));
    }

    /** Waits up to {@code wait} ms (1000-300000, default 90000) and answers the job's status then, finished or not. */
    @POST
    @Path("runsync")
    public CompletionStage<Response> runsync(String body, @RestQuery String wait) {
        long waitMs = waitMillis(wait);
        JobRequest request = JobRequest.parse(body, json, queue.defaultPolicy());
        String id = queue.submit("sync-" + UUID.randomUUID(), request).id();
        // async: the job's end is signalled while the queue's lock is held
        return queue.done(id).completeOnTimeout(null, waitMs, TimeUnit.MILLISECONDS).handleAsync((ignored, failure) -> {
            try {
                return Response.ok(queue.status(id)).build();
            } catch (LocalApiException e) {
                return refused(e);
            }
        });
    }

    @GET
    @Path("status/{job}")
    public JobView status(@RestPath String job) {
        return queue.status(job);
    }

    @POST
    @Path("cancel/{job}")
    public JobView cancel(@RestPath String job) {
        return queue.cancel(job);
    }

    @POST
    @Path("retry/{job}")
    public JobView retry(@RestPath String job) {
        return queue.retry(job);
    }

    @POST
    @Path("purge-queue")
    public ObjectNode purgeQueue() {
        return JsonNodeFactory.instance.objectNode().put("removed", queue.purge()).put("status", "completed");
    }

    @GET
    @Path("health")
    public QueueHealth health() {
        return queue.health();
    }

    @ServerExceptionMapper
    public Response refused(LocalApiException e) {
        return error(e.status(), e.getMessage());
    }

    static Response error(int status, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON).entity(errorBody(message)).build();
    }

    static String errorBody(String message) {
        return JsonNodeFactory.instance.objectNode().put("error", message).toString();
    }

    static long waitMillis(String wait) {
        if (wait == null || wait.isBlank()) {
            return RUNSYNC_DEFAULT_WAIT_MS;
        }
        try {
            return Math.max(RUNSYNC_MIN_WAIT_MS, Math.min(RUNSYNC_MAX_WAIT_MS, Long.parseLong(wait.trim())));
        } catch (NumberFormatException e) {
            throw new LocalApiException(400, "wait must be a number of milliseconds (clamped to "
                    + RUNSYNC_MIN_WAIT_MS + "-" + RUNSYNC_MAX_WAIT_MS + "), got '" + wait + "'");
        }
    }
}
