package com.ytwhisper.testkit.endpoint;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Runpod's public endpoint API ({@code /v2/{endpoint}/run, runsync, status, stream,
 * cancel, retry, health, purge-queue}) on 127.0.0.1, for client tests. Jobs follow scripts (one step per
 * status call), faults can be queued per route, and every request is recorded.
 */
public final class EndpointEmulator implements AutoCloseable {

    private final Map<EndpointRoute, Deque<EndpointFault>> faults = new EnumMap<>(EndpointRoute.class);
    private final Map<String, EmulatedJob> jobs = new ConcurrentHashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Deque<List<Step>> nextScripts = new ArrayDeque<>();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final ExecutorService handlers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "endpoint-emulator");
        t.setDaemon(true);
        return t;
    });
    private volatile Function<JsonNode, List<Step>> defaultScript = EndpointEmulator::successScript;
    private volatile String apiKey;
    private volatile String endpointId;
    private volatile boolean echoInput;
    private volatile int expireAfterTerminalReads = -1;
    private volatile boolean holding;
    private volatile HttpServer server;
    private final int port;

    private EndpointEmulator(int port) throws IOException {
        for (EndpointRoute route : EndpointRoute.values()) {
            faults.put(route, new ArrayDeque<>());
        }
        this.server = bind(port);
        this.port = server.getAddress().getPort();
    }

    /** Starts on a free loopback port. */
    public static EndpointEmulator start() throws IOException {
        return new EndpointEmulator(0);
    }

    /** {@code http://127.0.0.1:<port>/v2}, the value for {@code RUNPOD_ENDPOINT_BASE_URL}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + port + "/v2";
    }

    public int port() {
        return port;
    }

    /** Answer 401 unless {@code Authorization: Bearer <key>} is sent. */
    public EndpointEmulator requireApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /** Answer 404 for any other endpoint id. */
    public EndpointEmulator requireEndpointId(String id) {
        this.endpointId = id;
        return this;
    }

    /** Include each job's input in status answers (as Runpod's webhook payload does). */
    public EndpointEmulator echoInput(boolean echo) {
        this.echoInput = echo;
        return this;
    }

    /** After a job's terminal state was read this many times, {@code /status} answers 404. */
    public EndpointEmulator expireAfterTerminalReads(int reads) {
        this.expireAfterTerminalReads = reads;
        return this;
    }

    /** While held, status calls report each job's current step without moving it on. */
    public EndpointEmulator holdProgress(boolean hold) {
        this.holding = hold;
        return this;
    }

    /** The script for jobs without a queued one; it gets the job input. */
    public EndpointEmulator defaultScript(Function<JsonNode, List<Step>> script) {
        this.defaultScript = script;
        return this;
    }

    /** The script of the next job created (queued, first in first out). */
    public synchronized EndpointEmulator nextJob(Step... steps) {
        nextScripts.add(List.of(steps));
        return this;
    }

    /** Applies {@code fault} to the next request of {@code route}; several queue up in order. */
    public EndpointEmulator inject(EndpointRoute route, EndpointFault fault) {
        synchronized (faults) {
            faults.get(route).add(fault);
        }
        return this;
    }

    /** Makes {@code /status} answer 404 for this job from now on. */
    public void expire(String jobId) {
        job(jobId).expire();
    }

    public EmulatedJob job(String jobId) {
        EmulatedJob job = jobs.get(jobId);
        if (job == null) {
            throw new IllegalArgumentException("no such emulated job " + jobId);
        }
        return job;
    }

    public List<EmulatedJob> jobs() {
        return List.copyOf(jobs.values());
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(EndpointRoute route) {
        return requests.stream().filter(r -> r.route() == route).toList();
    }

    /** Forgets jobs, requests, queued faults and scripts and drops every option, keeping the port. */
    public synchronized void reset() {
        synchronized (faults) {
            faults.values().forEach(Deque::clear);
        }
        jobs.clear();
        requests.clear();
        nextScripts.clear();
        defaultScript = EndpointEmulator::successScript;
        apiKey = null;
        endpointId = null;
        echoInput = false;
        expireAfterTerminalReads = -1;
        holding = false;
    }

    /** Stops listening: connections are refused until {@link #resume}. */
    public void pause() {
        server.stop(0);
    }

    /** Listens again on the same port. */
    public void resume() throws IOException {
        server = bind(port);
    }

    @Override
    public void close() {
        closing.countDown();
        server.stop(0);
        handlers.shutdownNow();
    }

    /** The default script: queued, downloading, transcribing, done with the usual output. */
    public static List<Step> successScript(JsonNode input) {
        String bucket = input.path("s3_bucket").asText("emulated-bucket");
        String prefix = input.path("s3_key_prefix").asText("transcriptions/");
        String requestId = input.path("request_id").asText("no-request-id");
        return List.of(Step.queued(), Step.progress("downloading", 5), Step.progress("transcribing", 50),
                Step.done(bucket, prefix, requestId));
    }

    private HttpServer bind(int port) throws IOException {
        HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        created.createContext("/v2/", this::handle);
        created.setExecutor(handlers);
        created.start();
        return created;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = readBody(exchange.getRequestBody());
            String[] parts = exchange.getRequestURI().getPath().split("/");
            // "", "v2", endpoint, operation, [job id]
            EndpointRoute route = parts.length >= 4 ? EndpointRoute.of(exchange.getRequestMethod(), parts[3]) : null;
            requests.add(new RecordedRequest(Instant.now(), exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                    route, exchange.getRequestHeaders().getFirst("Authorization"),
                    exchange.getRequestHeaders().getFirst("User-Agent"), body));
            if (route == null) {
                send(exchange, 404, error("no such route"), null);
                return;
            }
            EndpointFault fault;
            synchronized (faults) {
                fault = faults.get(route).poll();
            }
            if (fault != null && fault.type() == EndpointFault.Type.STATUS) {
                send(exchange, fault.httpStatus(), error("injected HTTP " + fault.httpStatus()), fault.retryAfter());
                return;
            }
            if (apiKey != null && !("Bearer " + apiKey).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, error("Unauthorized"), null);
                return;
            }
            if (endpointId != null && !endpointId.equals(parts[2])) {
                send(exchange, 404, error("endpoint not found"), null);
                return;
            }
            Answer answer = answer(route, parts.length > 4 ? parts[4] : null, body);
            if (fault != null && fault.type() == EndpointFault.Type.DROP) {
                return; // handled, but the exchange closes without a response
            }
            if (fault != null && fault.type() == EndpointFault.Type.HANG) {
                closing.await(fault.hang().toMillis(), TimeUnit.MILLISECONDS);
            }
            send(exchange, answer.status(), answer.body(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Answer(int status, JsonNode body) {
    }

    private Answer answer(EndpointRoute route, String jobId, String body) {
        return switch (route) {
            case RUN -> created(body, false);
            case RUNSYNC -> created(body, true);
            case STATUS -> status(jobId);
            case STREAM -> stream(jobId);
            case CANCEL -> cancel(jobId);
            case RETRY -> retry(jobId);
            case HEALTH -> new Answer(200, health());
            case PURGE_QUEUE -> new Answer(200, purge());
        };
    }

    private Answer created(String body, boolean sync) {
        JsonNode request;
        try {
            request = Step.JSON.readTree(body);
        } catch (IOException e) {
            return new Answer(400, error("body is not JSON"));
        }
        if (request == null || !request.path("input").isObject()) {
            return new Answer(400, error("input must be an object"));
        }
        String id = (sync ? "sync-" : "") + UUID.randomUUID() + "-e1";
        EmulatedJob job = new EmulatedJob(id, request.get("input"), request.get("policy"), scriptFor(request.get("input")));
        jobs.put(id, job);
        if (sync) {
            Step step = job.current();
            while (!step.isTerminal()) {
                step = job.advance();
            }
            return new Answer(200, describe(job, step));
        }
        return new Answer(200, Step.JSON.createObjectNode().put("id", id).put("status", job.current().status()));
    }

    private synchronized List<Step> scriptFor(JsonNode input) {
        List<Step> queued = nextScripts.poll();
        return queued != null ? queued : defaultScript.apply(input);
    }

    private Answer status(String jobId) {
        EmulatedJob job = jobId == null ? null : jobs.get(jobId);
        if (job == null || job.isExpired()) {
            return new Answer(404, error("job not found"));
        }
        Step step = holding ? job.current() : job.advance();
        if (step.isTerminal() && expireAfterTerminalReads >= 0 && job.terminalReads() >= expireAfterTerminalReads) {
            job.expire();
            return new Answer(404, error("job not found"));
        }
        return new Answer(200, describe(job, step));
    }

    /**
     * {@code /stream/{id}} as Runpod answers it: the job's state and the partial outputs not read
     * yet, {@code {"status": ..., "stream": [{"output": ...}, ...]}}. It does not move the job on.
     */
    private Answer stream(String jobId) {
        EmulatedJob job = jobId == null ? null : jobs.get(jobId);
        if (job == null || job.isExpired()) {
            return new Answer(404, error("job not found"));
        }
        ObjectNode body = Step.JSON.createObjectNode().put("status", job.current().status());
        var items = body.putArray("stream");
        job.takeStream().forEach(output -> items.addObject().set("output", output));
        return new Answer(200, body);
    }

    private Answer cancel(String jobId) {
        EmulatedJob job = jobId == null ? null : jobs.get(jobId);
        if (job == null || job.isExpired()) {
            return new Answer(404, error("job not found"));
        }
        if (!job.current().isTerminal()) {
            job.replaceScript(List.of(Step.cancelled()));
        }
        return new Answer(200, Step.JSON.createObjectNode().put("id", jobId).put("status", job.current().status()));
    }

    private Answer retry(String jobId) {
        EmulatedJob job = jobId == null ? null : jobs.get(jobId);
        if (job == null || job.isExpired()) {
            return new Answer(404, error("job not found"));
        }
        String state = job.current().status();
        if (!state.equals("FAILED") && !state.equals("TIMED_OUT")) {
            return new Answer(400, error("only FAILED or TIMED_OUT jobs can be retried, this one is " + state));
        }
        job.replaceScript(scriptFor(job.input()));
        return new Answer(200, Step.JSON.createObjectNode().put("id", jobId).put("status", job.current().status()));
    }

    private JsonNode health() {
        ObjectNode body = Step.JSON.createObjectNode();
        ObjectNode counts = body.putObject("jobs");
        counts.put("completed", count("COMPLETED")).put("failed", count("FAILED")).put("inProgress", count("IN_PROGRESS"))
                .put("inQueue", count("IN_QUEUE")).put("retried", 0);
        body.putObject("workers").put("idle", 1).put("running", count("IN_PROGRESS") > 0 ? 1 : 0);
        return body;
    }

    private JsonNode purge() {
        List<String> queued = new ArrayList<>();
        jobs.forEach((id, job) -> {
            if (!job.isExpired() && job.current().status().equals("IN_QUEUE")) {
                queued.add(id);
            }
        });
        queued.forEach(id -> jobs.get(id).expire());
        return Step.JSON.createObjectNode().put("removed", queued.size()).put("status", "completed");
    }

    private long count(String state) {
        return jobs.values().stream().filter(j -> !j.isExpired() && j.current().status().equals(state)).count();
    }

    private JsonNode describe(EmulatedJob job, Step step) {
        ObjectNode body = Step.JSON.createObjectNode().put("id", job.id()).put("status", step.status());
        if (!step.status().equals("IN_QUEUE")) {
            body.put("delayTime", 1200);
        }
        if (step.isTerminal()) {
            body.put("executionTime", 3400);
        }
        if (step.output() != null) {
            body.set("output", step.output());
        }
        if (step.error() != null) {
            body.put("error", step.error());
        }
        if (echoInput) {
            body.set("input", job.input());
        }
        return body;
    }

    private static JsonNode error(String message) {
        return Step.JSON.createObjectNode().put("error", message);
    }

    private static String readBody(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private static void send(HttpExchange exchange, int status, JsonNode body, Duration retryAfter) throws IOException {
        byte[] bytes = Step.JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        if (retryAfter != null) {
            exchange.getResponseHeaders().set("Retry-After", String.valueOf(retryAfter.toSeconds()));
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
