package com.ytwhisper.worker.runpod.local;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Every request passes here before Quarkus routes it, in this order: {@code Host} (400 when
 * absent, 403 when foreign) and {@code Origin} (403 when foreign), see {@link CallerOrigin};
 * {@code Authorization} (401, see {@link LocalApiAuth}); a body must be {@code application/json}
 * (415: forms and text/plain are what web pages can send without asking); and it may not exceed
 * {@code WORKER_LOCAL_MAX_INPUT_BYTES} (413), whether it announces its length or comes chunked.
 * Refusals carry a JSON {@code {"error"}} body. The body is read here, counted as it arrives, and
 * handed on whole, so nothing later buffers an unbounded one.
 */
@Singleton
public class RequestGate {

    static final String LIMIT_SETTING = "WORKER_LOCAL_MAX_INPUT_BYTES";

    private final LocalApiAuth auth;
    private final CallerOrigin callers;
    private final long maxBody;

    public RequestGate(LocalApiAuth auth, LocalApiConfig config, @ConfigProperty(name = "quarkus.http.host") String host) {
        this.auth = auth;
        this.callers = new CallerOrigin(host);
        this.maxBody = config.localMaxInputBytes();
    }

    void install(@Observes Router router) {
        router.route().order(-3).handler(this::handle);
        // after every other route: a path nothing serves gets JSON too (Quarkus's own 404 page is HTML)
        router.route().order(Integer.MAX_VALUE - 100).handler(context -> refuse(context, 404, "no such operation: "
                + context.request().method() + " " + CallerOrigin.printable(context.request().path(), 200)
                + "; the local API serves " + LocalEndpointResource.OPERATIONS + " (under /v2/<any endpoint id>/ or directly)"));
    }

    private void handle(RoutingContext context) {
        HttpServerRequest request = context.request();
        int port = request.localAddress() == null ? -1 : request.localAddress().port();
        // host(): the Host header, or HTTP/2's :authority (clients such as the JDK's upgrade to h2c)
        Optional<CallerOrigin.Refusal> refused = callers.checkHost(request.host(), port)
                .or(() -> callers.checkOrigin(request.getHeader(HttpHeaders.ORIGIN), port));
        if (refused.isPresent()) {
            refuse(context, refused.get().status(), refused.get().message());
            return;
        }
        if (!auth.allows(request.getHeader(HttpHeaders.AUTHORIZATION))) {
            refuse(context, 401, auth.refusal());
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (request.version() == HttpVersion.HTTP_2) {
            // no browser speaks HTTP/2 without TLS; the body is left to RESTEasy, which reads an h2
            // stream itself, under Quarkus's limit (quarkus.http.limits.max-body-size, the same number)
            String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
            if (type != null && !isJson(type)) {
                refuse(context, 415, "the request body is '" + type + "': send it as JSON with Content-Type: application/json");
            } else if (length != null && parse(length) > maxBody) {
                tooLarge(context, length + " bytes");
            } else {
                context.next();
            }
            return;
        }
        boolean chunked = request.getHeader(HttpHeaders.TRANSFER_ENCODING) != null;
        if (!chunked && (length == null || parse(length) == 0)) {
            context.next();
            return;
        }
        String type = request.getHeader(HttpHeaders.CONTENT_TYPE);
        if (!isJson(type)) {
            refuse(context, 415, "the request body is " + (type == null ? "without Content-Type" : "'" + type + "'")
                    + ": send it as JSON with Content-Type: application/json");
            return;
        }
        if (!chunked && parse(length) > maxBody) {
            tooLarge(context, length + " bytes");
            return;
        }
        read(context);
    }

    /** Reads the body up to the limit, then hands it on; past the limit answers 413 and drops the rest. */
    private void read(RoutingContext context) {
        HttpServerRequest request = context.request();
        Buffer body = Buffer.buffer();
        long[] dropped = {-1};
        request.handler(chunk -> {
            if (dropped[0] >= 0) {
                dropped[0] += chunk.length();
                if (dropped[0] > maxBody) {
                    request.connection().close(); // a client that never stops sending
                }
            } else if (body.length() + (long) chunk.length() > maxBody) {
                dropped[0] = 0;
                tooLarge(context, "over " + maxBody + " bytes");
            } else {
                body.appendBuffer(chunk);
            }
        });
        request.endHandler(end -> {
            if (dropped[0] < 0) {
                context.setBody(body);
                context.next();
            }
        });
        if ("100-continue".equalsIgnoreCase(request.getHeader(HttpHeaders.EXPECT))) {
            context.response().writeContinue(); // curl waits for it before sending a larger body
        }
        request.resume();
    }

    private void tooLarge(RoutingContext context, String size) {
        refuse(context, 413, "the request body is " + size + "; the limit is " + maxBody + " bytes ("
                + LIMIT_SETTING + "): send a smaller input, e.g. a URL to the media instead of the media");
    }

    private static void refuse(RoutingContext context, int status, String message) {
        if (!context.response().ended()) {
            context.response().setStatusCode(status)
                    .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
                    .end(LocalEndpointResource.errorBody(message));
        }
    }

    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.equals("application/json");
    }

    private static long parse(String length) {
        try {
            return Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // refused as too large rather than read without a limit
        }
    }
}
