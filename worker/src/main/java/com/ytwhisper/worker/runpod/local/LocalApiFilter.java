package com.ytwhisper.worker.runpod.local;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.UriBuilder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Runs before routing, after {@link RequestGate} let the caller in: maps the cloud paths
 * {@code /v2/<endpoint id>/...} onto the resource's short ones, so any endpoint id works.
 */
public class LocalApiFilter {

    private static final Pattern CLOUD_PATH = Pattern.compile("^/v2/[^/]+(/.*)$");

    @ServerRequestFilter(preMatching = true)
    public void filter(ContainerRequestContext request) {
        Matcher cloud = CLOUD_PATH.matcher(request.getUriInfo().getRequestUri().getRawPath());
        if (cloud.matches()) {
            request.setRequestUri(UriBuilder.fromUri(request.getUriInfo().getRequestUri())
                    .replacePath(cloud.group(1)).build());
        }
    }
}
