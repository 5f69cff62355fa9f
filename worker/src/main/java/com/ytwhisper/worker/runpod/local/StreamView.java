package com.ytwhisper.worker.runpod.local;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * What {@code /stream/{id}} answers, as the Runpod SDKs read it: the job's status and the stream
 * items not read before, each as {@code {"output": item}}; a reader polls until the status is final.
 */
@RegisterForReflection
public record StreamView(LocalJobState status, List<Item> stream) {

    static StreamView of(LocalJobState status, List<JsonNode> items) {
        return new StreamView(status, items.stream().map(Item::new).toList());
    }

    @RegisterForReflection
    public record Item(JsonNode output) {
    }
}
