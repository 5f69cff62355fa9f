package com.ytwhisper.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for the Runpod endpoint API, only as much as the client's timed commands need: /run
 * queues (answers a fresh id), /status says COMPLETED with a done output, /health answers, the rest 404.
 * Loopback only; answers at once, so the client's own time is what gets measured.
 */
final class EndpointStandIn implements AutoCloseable {

    static final String ENDPOINT = "bench";

    private final HttpServer server;
    private final AtomicInteger ids = new AtomicInteger();

    EndpointStandIn() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v2/" + ENDPOINT + "/", this::serve);
        server.start();
    }

    /** The value for {@code RUNPOD_ENDPOINT_BASE_URL}. */
    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v2";
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            ex.getRequestBody().readAllBytes();
            String path = ex.getRequestURI().getPath().substring(("/v2/" + ENDPOINT).length());
            if (path.equals("/run") && ex.getRequestMethod().equals("POST")) {
                send(ex, 200, "{\"id\":\"rp-" + ids.incrementAndGet() + "\",\"status\":\"IN_QUEUE\"}");
            } else if (path.startsWith("/status/")) {
                String id = path.substring("/status/".length());
                send(ex, 200, "{\"id\":\"" + id + "\",\"status\":\"COMPLETED\",\"output\":{\"status\":\"done\","
                        + "\"request_id\":\"" + id + "\",\"srt_path\":\"s3://bench/" + id + ".srt\",\"srt_key\":\""
                        + id + ".srt\",\"srt_bucket\":\"bench\"}}");
            } else if (path.equals("/health")) {
                send(ex, 200, "{\"jobs\":{\"completed\":0,\"failed\":0,\"inProgress\":0,\"inQueue\":0,\"retried\":0},"
                        + "\"workers\":{\"idle\":1,\"running\":0}}");
            } else {
                send(ex, 404, "{\"error\":\"not found\"}");
            }
        }
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(status, bytes.length);
        ex.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
