package com.ytwhisper.client.runpod;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;
import org.jboss.resteasy.reactive.RestPath;

/**
 * The Runpod endpoint API ({@code /v2/{endpointId}/...}). Every call returns the raw JSON text,
 * because the poller appends responses verbatim to the job's raw log before parsing them.
 * A null {@code authorization} leaves the header out (the worker's local API needs none).
 */
@RegisterRestClient(configKey = "runpod")
@RegisterProvider(RunpodErrors.class)
@Path("/{endpointId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public interface RunpodApi {

    @POST
    @Path("/run")
    String run(@RestPath String endpointId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, String body);

    @GET
    @Path("/status/{jobId}")
    String status(@RestPath String endpointId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RestPath String jobId);

    @POST
    @Path("/cancel/{jobId}")
    String cancel(@RestPath String endpointId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RestPath String jobId);

    @POST
    @Path("/retry/{jobId}")
    String retry(@RestPath String endpointId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RestPath String jobId);

    @GET
    @Path("/health")
    String health(@RestPath String endpointId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    @POST
    @Path("/purge-queue")
    String purgeQueue(@RestPath String endpointId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization);

    /** Partial outputs not yet read ({@code {"status": ..., "stream": [{"output": ...}, ...]}}). */
    @GET
    @Path("/stream/{jobId}")
    String stream(@RestPath String endpointId, @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
            @RestPath String jobId);
}
