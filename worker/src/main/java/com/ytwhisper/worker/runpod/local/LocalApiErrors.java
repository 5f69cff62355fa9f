package com.ytwhisper.worker.runpod.local;

import jakarta.ws.rs.NotAllowedException;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Refusals of the HTTP layer itself (no such path, wrong method, ...) as the API's JSON
 * {@code {"error"}} bodies; global, since they happen before any resource method is chosen.
 */
public class LocalApiErrors {

    @ServerExceptionMapper
    public Response unknownPath(NotFoundException e, UriInfo uri) {
        return LocalEndpointResource.error(404, "no such operation: /" + path(uri) + "; the local API serves "
                + LocalEndpointResource.OPERATIONS + " (under /v2/<any endpoint id>/ or directly)");
    }

    @ServerExceptionMapper
    public Response wrongMethod(NotAllowedException e, UriInfo uri) {
        String allowed = String.join(", ", e.getResponse().getAllowedMethods());
        if (allowed.isEmpty()) { // RESTEasy Reactive leaves them out; every operation has one method
            String operation = path(uri).split("/", 2)[0];
            allowed = List.of("status", "status-sync", "stream", "health").contains(operation) ? "GET" : "POST";
        }
        return Response.status(405).type(MediaType.APPLICATION_JSON).header(HttpHeaders.ALLOW, allowed)
                .entity(LocalEndpointResource.errorBody("/" + path(uri) + " takes " + allowed + "; the local API serves "
                        + LocalEndpointResource.OPERATIONS)).build();
    }

    /** Any other refusal of the HTTP layer (e.g. 406), as JSON. */
    @ServerExceptionMapper
    public Response otherRefusal(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return LocalEndpointResource.error(status, status + " " + e.getResponse().getStatusInfo().getReasonPhrase());
    }

    private static String path(UriInfo uri) {
        return CallerOrigin.printable(uri.getPath().replaceFirst("^/", ""), 200);
    }
}
