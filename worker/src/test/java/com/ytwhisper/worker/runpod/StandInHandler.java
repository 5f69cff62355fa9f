package com.ytwhisper.worker.runpod;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.Job;
import com.ytwhisper.worker.pipeline.JobHandler;
import com.ytwhisper.worker.pipeline.JobResult;
import com.ytwhisper.worker.pipeline.ProgressSink;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in job handler for protocol tests: no download, no engine. What it does is read from
 * the job input: {@code sleep_ms} (honours cancellation unless {@code ignore_cancel}),
 * {@code progress} (that many reports, spread over the sleep), {@code partials} (that many transcript
 * pieces, one per step of the sleep, the rest at its end), {@code tail_ms} (quiet time after them), {@code fail} (a failure result),
 * {@code throw} (an exception whose message quotes {@code aws_secret_key}), otherwise an echo of the input as output.
 */
public final class StandInHandler implements JobHandler {

    public final AtomicInteger running = new AtomicInteger();
    public final AtomicInteger peakRunning = new AtomicInteger();
    public final List<String> cancelled = new CopyOnWriteArrayList<>();
    public final List<String> finished = new CopyOnWriteArrayList<>();
    public volatile RuntimeException startupFailure;

    @Override
    public void awaitReady() {
        if (startupFailure != null) {
            throw startupFailure;
        }
    }

    @Override
    public JobResult handle(Job job, ProgressSink progress, Cancellation cancel) {
        int now = running.incrementAndGet();
        peakRunning.accumulateAndGet(now, Math::max);
        try {
            JsonNode in = job.input();
            long sleep = in.path("sleep_ms").asLong(0);
            int reports = in.path("progress").asInt(0);
            boolean ignoreCancel = in.path("ignore_cancel").asBoolean(false);
            long step = reports > 0 ? Math.max(1, sleep / reports) : sleep;
            long deadline = System.currentTimeMillis() + sleep;
            int reported = 0;
            int partials = in.path("partials").asInt(0);
            int streamed = 0;
            while (System.currentTimeMillis() < deadline || reported < reports || streamed < partials) {
                if (cancel.isCancelled() && !ignoreCancel) {
                    cancelled.add(job.id());
                    cancel.throwIfCancelled();
                }
                if (reported < reports) {
                    reported++;
                    progress.report(ProgressSink.Stage.TRANSCRIBING, reported * 100 / reports);
                }
                if (streamed < partials) {
                    progress.partial(JsonNodeFactory.instance.objectNode().put("start", streamed)
                            .put("end", streamed + 1).put("text", "piece " + streamed));
                    streamed++;
                }
                pause(Math.min(Math.min(step, 20), Math.max(1, deadline - System.currentTimeMillis())));
            }
            pause(in.path("tail_ms").asLong(0)); // quiet time after the last report
            if (in.has("throw")) {
                // a careless message that quotes a credential from the input
                throw new IllegalStateException("stand-in failure quoting " + in.path("aws_secret_key").asText(""));
            }
            if (in.has("fail")) {
                var output = JsonNodeFactory.instance.objectNode().put("status", "error");
                return JobResult.failure(in.get("fail").asText(), output);
            }
            return JobResult.success(JsonNodeFactory.instance.objectNode().put("status", "done").set("echo", in));
        } finally {
            running.decrementAndGet();
            finished.add(job.id());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
