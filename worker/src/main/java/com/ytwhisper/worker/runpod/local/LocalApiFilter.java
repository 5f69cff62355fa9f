package com.ytwhisper.worker.runpod.local;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriBuilder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before routing: refuses callers {@link LocalApiAuth} does not allow, then maps the cloud
 * paths {@code /v2/<endpoint id>/...} onto the resource's short ones, so any endpoint id works.
 */
public class LocalApiFilter {

    private static final Pattern CLOUD_PATH = Pattern.compile("^/v2/[^/]+(/.*)$");

    private final LocalApiAuth auth;

    public LocalApiFilter(LocalApiAuth auth) {
        this.auth = auth;
    }

    @ServerRequestFilter(preMatching = true)
    public Response filter(ContainerRequestContext request) {
        if (!auth.allows(request.getHeaderString(HttpHeaders.AUTHORIZATION))) {
            return LocalEndpointResource.error(401, auth.refusal());
        }
        Matcher cloud = CLOUD_PATH.matcher(request.getUriInfo().getRequestUri().getRawPath());
        if (cloud.matches()) {
            request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                    .replacePath(cloud.group(1)).build());
        }
        return null;
    }
}
