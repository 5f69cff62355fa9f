package com.ytwhisper.client.runpod;

/**
 * Typed calls against one endpoint. Each answer keeps the raw JSON next to the parsed record,
 * so callers can log exactly what the API said.
 */
public class RunpodClient {

    /** A parsed answer and the text it came from. */
    public record Reply<T>(T body, String raw) {
    }

    private final RunpodCalls calls;
    private final RunpodTarget target;

    public RunpodClient(RunpodCalls calls, RunpodTarget target) {
        this.calls = calls;
        this.target = target;
    }

    public RunpodTarget target() {
        return target;
    }

    public Reply<RunResponse> run(RunRequest request) {
        return reply(calls.run(target, RunpodJson.write(request)), RunResponse.class);
    }

    public Reply<StatusResponse> status(String runpodJobId) {
        return reply(calls.status(target, runpodJobId), StatusResponse.class);
    }

    public Reply<RunResponse> cancel(String runpodJobId) {
        return reply(calls.cancel(target, runpodJobId), RunResponse.class);
    }

    public Reply<RunResponse> retry(String runpodJobId) {
        return reply(calls.retry(target, runpodJobId), RunResponse.class);
    }

    public Reply<StreamResponse> stream(String runpodJobId) {
        return reply(calls.stream(target, runpodJobId), StreamResponse.class);
    }

    public Reply<HealthResponse> health() {
        return reply(calls.health(target), HealthResponse.class);
    }

    public Reply<PurgeResponse> purgeQueue() {
        return reply(calls.purgeQueue(target), PurgeResponse.class);
    }

    private static <T> Reply<T> reply(String raw, Class<T> type) {
        return new Reply<>(RunpodJson.parse(raw, type), raw);
    }
}
