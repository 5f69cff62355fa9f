package com.ytwhisper.testkit.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful stand-in for the Runpod platform's worker-side job API
 * (docs/runpod-protocol.md, part 1), on loopback: job-take (single and batch, long-polled),
 * job-done (progress and final results), job-stream, ping and job-stop. Tests queue jobs, inject
 * faults per route and read back what the worker sent.
 *
 * <p>Routes: {@code /v2/{endpoint}/job-take/{pod}}, {@code /job-take-batch/{pod}},
 * {@code /job-done/{pod}/{job}}, {@code /job-stream/{pod}/{job}}, {@code /ping/{pod}},
 * {@code /job-stop/{pod}}.
 */
public final class RunpodEmulator implements AutoCloseable {

    public static final String ENDPOINT_ID = "emulated";
    private static final Pattern PATH = Pattern.compile("^/v2/([^/]+)/([a-z-]+)/([^/]+)(?:/([^/]+))?$");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Runpod's limit for one streamed chunk (docs: serverless/endpoints/operation-reference). */
    public static final int MAX_STREAM_BYTES = 1_000_000;

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "runpod-emulator");
        t.setDaemon(true);
        return t;
    });
    private final LinkedBlockingDeque<JsonNode> queue = new LinkedBlockingDeque<>();
    private final Deque<String> stopSignals = new ConcurrentLinkedDeque<>();
    private final Map<WorkerRoute, Deque<WorkerFault>> faults = new EnumMap<>(WorkerRoute.class);
    private final Deque<WorkerFault> resultFaults = new ConcurrentLinkedDeque<>();
    private final List<SeenRequest> seen = new CopyOnWriteArrayList<>();
    private final Map<String, Long> handedOut = new ConcurrentHashMap<>();
    private final Object changed = new Object();
    private volatile String apiKey;
    private volatile long takeHoldMillis = 200;
    private volatile boolean closed;

    public RunpodEmulator() {
        for (WorkerRoute r : WorkerRoute.values()) {
            faults.put(r, new ConcurrentLinkedDeque<>());
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::serve);
        server.setExecutor(threads);
        server.start();
    }

    /** {@code http://127.0.0.1:PORT} */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Requires {@code Authorization: <key>} (raw, as the worker sends it) on every request. */
    public RunpodEmulator requireApiKey(String key) {
        this.apiKey = key;
        return this;
    }

    /** How long an empty job-take or job-stop is held open before 204 (a long-poll). */
    public RunpodEmulator takeHold(Duration hold) {
        this.takeHoldMillis = hold.toMillis();
        return this;
    }

    /**
     * The platform's environment for a worker, URL templates with placeholders as production
     * sends them (with a {@code ?gpu=} query), keyed by env var name.
     */
    public Map<String, String> workerEnv(String podId, String key) {
        Map<String, String> env = new LinkedHashMap<>();
        String base = baseUrl() + "/v2/" + ENDPOINT_ID;
        env.put("RUNPOD_WEBHOOK_GET_JOB", base + "/job-take/$RUNPOD_POD_ID?gpu=EMULATED+GPU");
        env.put("RUNPOD_WEBHOOK_POST_OUTPUT", base + "/job-done/$RUNPOD_POD_ID/$ID?gpu=EMULATED+GPU");
        env.put("RUNPOD_WEBHOOK_POST_STREAM", base + "/job-stream/$RUNPOD_POD_ID/$ID?gpu=EMULATED+GPU");
        env.put("RUNPOD_WEBHOOK_PING", base + "/ping/$RUNPOD_POD_ID?gpu=EMULATED+GPU");
        env.put("RUNPOD_AI_API_KEY", key);
        env.put("RUNPOD_POD_ID", podId);
        env.put("RUNPOD_POD_HOSTNAME", podId + "-0");
        return env;
    }

    /** Queues a job; {@code input} is any JSON text. */
    public void enqueue(String jobId, String inputJson) {
        try {
            enqueue(jobId, JSON.readTree(inputJson));
        } catch (IOException e) {
            throw new IllegalArgumentException("bad input JSON", e);
        }
    }

    public void enqueue(String jobId, JsonNode input) {
        ObjectNode job = JSON.createObjectNode();
        job.put("id", jobId);
        job.set("input", input);
        queue.add(job);
    }

    /** Queues a raw job object as the platform would send it (for malformed-job tests). */
    public void enqueueRaw(JsonNode job) {
        queue.add(job);
    }

    public int queued() {
        return queue.size();
    }

    /** Makes the next job-stop poll name this job. */
    public void stop(String jobId) {
        stopSignals.add(jobId);
    }

    /** The next {@code times} requests on {@code route} get {@code fault}. */
    public void inject(WorkerRoute route, WorkerFault fault, int times) {
        for (int i = 0; i < times; i++) {
            faults.get(route).add(fault);
        }
    }

    /** The next {@code times} final results posted to job-done (not progress updates) get {@code fault}. */
    public void injectForResults(WorkerFault fault, int times) {
        for (int i = 0; i < times; i++) {
            resultFaults.add(fault);
        }
    }

    /** Forgets every fault not yet used. */
    public void clearFaults() {
        resultFaults.clear();
        faults.values().forEach(Deque::clear);
    }

    public List<SeenRequest> requests(WorkerRoute route) {
        return seen.stream().filter(r -> r.route() == route).toList();
    }

    /** Final results the emulator accepted (2xx) for this job, oldest first. */
    public List<JsonNode> finals(String jobId) {
        return seen.stream()
                .filter(r -> r.route() == WorkerRoute.DONE && jobId.equals(r.jobId()) && !r.faulted() && !r.isProgress())
                .map(SeenRequest::body).toList();
    }

    /** Progress updates the emulator accepted for this job, oldest first. */
    public List<SeenRequest> progress(String jobId) {
        return seen.stream()
                .filter(r -> r.route() == WorkerRoute.DONE && jobId.equals(r.jobId()) && !r.faulted() && r.isProgress())
                .toList();
    }

    /** job-stream posts the emulator accepted for this job, in arrival order. */
    public List<SeenRequest> streamed(String jobId) {
        return seen.stream()
                .filter(r -> r.route() == WorkerRoute.STREAM && jobId.equals(r.jobId()) && !r.faulted())
                .toList();
    }

    /**
     * What a client reading {@code /stream} would see for this job: each accepted post's
     * {@code output}, a list's entries one by one, in arrival order.
     */
    public List<JsonNode> streamItems(String jobId) {
        List<JsonNode> items = new ArrayList<>();
        for (SeenRequest r : streamed(jobId)) {
            JsonNode output = r.body().get("output");
            if (output.isArray()) {
                output.forEach(items::add);
            } else {
                items.add(output);
            }
        }
        return items;
    }

    /**
     * When a job-take answer carried this job to the worker ({@link System#currentTimeMillis()}),
     * or empty while it is still queued. A long-polled take may arrive long before it hands a job
     * out, so this, not the take request's arrival, is when the worker's clock starts.
     */
    public OptionalLong handedOutAtMillis(String jobId) {
        Long at = handedOut.get(jobId);
        return at == null ? OptionalLong.empty() : OptionalLong.of(at);
    }

    /** Waits until an accepted final result for the job arrives and returns it. */
    public JsonNode awaitFinal(String jobId, Duration timeout) {
        awaitRequest(r -> r.route() == WorkerRoute.DONE && jobId.equals(r.jobId()) && !r.faulted() && !r.isProgress(),
                timeout, "a final result for job " + jobId);
        return finals(jobId).get(0);
    }

    /** Waits until a request matching {@code what} has been seen and returns the first such. */
    public SeenRequest awaitRequest(Predicate<SeenRequest> what, Duration timeout, String description) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (changed) {
            while (true) {
                for (SeenRequest r : seen) {
                    if (what.test(r)) {
                        return r;
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("timed out after " + timeout + " waiting for " + description
                            + "; seen: " + summary());
                }
                try {
                    changed.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted", e);
                }
            }
        }
    }

    private String summary() {
        StringBuilder sb = new StringBuilder();
        for (SeenRequest r : seen) {
            sb.append(r.route()).append(r.jobId() == null ? "" : "/" + r.jobId())
                    .append(r.faulted() ? "(faulted)" : "").append(' ');
        }
        return sb.toString().trim();
    }

    private void serve(HttpExchange ex) throws IOException {
        try (ex) {
            Matcher m = PATH.matcher(ex.getRequestURI().getRawPath());
            WorkerRoute route = m.matches() ? WorkerRoute.ofSegment(m.group(2)) : null;
            if (route == null) {
                send(ex, 404, "");
                return;
            }
            String podId = m.group(3);
            String jobId = m.group(4);
            byte[] raw = ex.getRequestBody().readAllBytes();
            JsonNode body = parseBody(raw);
            if (apiKey != null && !apiKey.equals(ex.getRequestHeaders().getFirst("Authorization"))) {
                record(route, podId, jobId, ex, body, true);
                send(ex, 401, "");
                return;
            }
            boolean finalResult = route == WorkerRoute.DONE
                    && !(body != null && "IN_PROGRESS".equals(body.path("status").asText(null)));
            WorkerFault fault = finalResult && !resultFaults.isEmpty() ? resultFaults.poll() : faults.get(route).poll();
            if (fault != null) {
                record(route, podId, jobId, ex, body, !(fault instanceof WorkerFault.Hang));
                if (!applyFault(ex, fault)) {
                    return;
                }
            } else {
                String refusal = route == WorkerRoute.STREAM ? streamRefusal(raw, body) : null;
                record(route, podId, jobId, ex, body, refusal != null);
                if (refusal != null) {
                    ObjectNode error = JSON.createObjectNode().put("error", refusal);
                    ex.getResponseHeaders().add("Content-Type", "application/json");
                    send(ex, raw.length > MAX_STREAM_BYTES ? 413 : 400, JSON.writeValueAsString(error));
                    return;
                }
            }
            switch (route) {
                case TAKE -> take(ex, 1, false);
                case TAKE_BATCH -> take(ex, Integer.parseInt(query(ex).getOrDefault("batch_size", "1")), true);
                case STOP -> stopPoll(ex);
                default -> send(ex, 200, "{}");
            }
        }
    }

    /** Returns true when the normal answer should still follow. */
    private boolean applyFault(HttpExchange ex, WorkerFault fault) throws IOException {
        if (fault instanceof WorkerFault.Status s) {
            if (s.contentType() != null) {
                ex.getResponseHeaders().add("Content-Type", s.contentType());
            }
            if (s.retryAfter() != null) {
                ex.getResponseHeaders().add("Retry-After", s.retryAfter());
            }
            send(ex, s.code(), s.body());
            return false;
        }
        if (fault instanceof WorkerFault.Hang h) {
            sleep(h.millis());
            return !closed;
        }
        // Drop: closing the exchange before any response header closes the connection.
        return false;
    }

    private void take(HttpExchange ex, int max, boolean batch) throws IOException {
        List<JsonNode> jobs = new ArrayList<>();
        try {
            JsonNode first = queue.poll(takeHoldMillis, TimeUnit.MILLISECONDS);
            if (first != null) {
                jobs.add(first);
                queue.drainTo(jobs, max - 1);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long now = System.currentTimeMillis();
        jobs.forEach(job -> handedOut.putIfAbsent(job.path("id").asText(), now));
        if (jobs.isEmpty()) {
            send(ex, 204, null);
        } else if (batch) {
            ArrayNode array = JSON.createArrayNode();
            jobs.forEach(array::add);
            sendJson(ex, array);
        } else {
            sendJson(ex, jobs.get(0));
        }
    }

    private void stopPoll(HttpExchange ex) throws IOException {
        long deadline = System.currentTimeMillis() + takeHoldMillis;
        while (stopSignals.isEmpty() && System.currentTimeMillis() < deadline && !closed) {
            sleep(10);
        }
        if (stopSignals.isEmpty()) {
            send(ex, 204, null);
            return;
        }
        ArrayNode ids = JSON.createArrayNode();
        String id;
        while ((id = stopSignals.poll()) != null) {
            ids.add(id);
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("jobsToStop", ids);
        sendJson(ex, body);
    }

    private void record(WorkerRoute route, String podId, String jobId, HttpExchange ex, JsonNode body, boolean faulted) {
        Map<String, String> headers = new LinkedHashMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        seen.add(new SeenRequest(route, podId, jobId, query(ex), headers, body, faulted, System.currentTimeMillis()));
        synchronized (changed) {
            changed.notifyAll();
        }
    }

    /**
     * Why a job-stream post is refused, or null: the platform takes a runpod-python stream body,
     * a JSON object with {@code output}, of at most 1 MB (Runpod's documented chunk limit). Which
     * status the real platform answers is not documented; 400 and 413 stand in for it.
     */
    private static String streamRefusal(byte[] raw, JsonNode body) {
        if (raw.length > MAX_STREAM_BYTES) {
            return "stream chunk of " + raw.length + " bytes is over the 1 MB limit";
        }
        if (body == null || !body.isObject() || !body.has("output")) {
            return "a stream post must be a JSON object with \"output\"";
        }
        return null;
    }

    private static JsonNode parseBody(byte[] bytes) {
        if (bytes.length == 0) {
            return null;
        }
        try {
            return JSON.readTree(bytes);
        } catch (IOException e) {
            return JSON.getNodeFactory().textNode(new String(bytes, StandardCharsets.UTF_8));
        }
    }

    static Map<String, String> query(HttpExchange ex) {
        Map<String, String> q = new LinkedHashMap<>();
        String raw = ex.getRequestURI().getRawQuery();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            q.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void sendJson(HttpExchange ex, JsonNode body) throws IOException {
        ex.getResponseHeaders().add("Content-Type", "application/json");
        send(ex, 200, JSON.writeValueAsString(body));
    }

    private static void send(HttpExchange ex, int code, String body) throws IOException {
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(code, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            ex.getResponseBody().write(bytes);
        }
    }

    private void sleep(long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (!closed && System.currentTimeMillis() < deadline) {
            try {
                Thread.sleep(Math.min(20, Math.max(1, deadline - System.currentTimeMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        server.stop(0);
        threads.shutdownNow();
    }
}
