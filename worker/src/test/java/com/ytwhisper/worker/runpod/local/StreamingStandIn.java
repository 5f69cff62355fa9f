package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.ytwhisper.worker.pipeline.Cancellation;
import com.ytwhisper.worker.pipeline.Job;
import com.ytwhisper.worker.pipeline.JobHandler;
import com.ytwhisper.worker.pipeline.JobResult;
import com.ytwhisper.worker.pipeline.ProgressSink;

/**
 * Test only: a stand-in for the transcribing pipeline's stream side. For an input with
 * {@code "stream": ["text", ...]} it hands each text to {@link ProgressSink#partial} as a
 * {@code {"start","end","text"}} item, one second of audio each, as the pipeline does with decoded
 * segments; then the wrapped stand-in runs the job as usual (its {@code sleep_ms} keeps it IN_PROGRESS).
 */
final class StreamingStandIn implements JobHandler {

    private final JobHandler then;

    StreamingStandIn(JobHandler then) {
        this.then = then;
    }

    @Override
    public void awaitReady() {
        then.awaitReady();
    }

    @Override
    public JobResult handle(Job job, ProgressSink progress, Cancellation cancel) {
        int second = 0;
        for (JsonNode text : job.input().path("stream")) {
            progress.partial(JsonNodeFactory.instance.objectNode().put("start", (double) second)
                    .put("end", (double) second + 1).put("text", text.asText()));
            second++;
        }
        return then.handle(job, progress, cancel);
    }
}
