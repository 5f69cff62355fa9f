package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ytwhisper.worker.transcript.Segment;

/** One stream item for a decoded segment: {@code {"start": s, "end": s, "text": "..."}}. */
final class TranscriptPiece {

    private TranscriptPiece() {
    }

    /** Times in seconds to the millisecond; the text without Whisper's leading space. */
    static ObjectNode of(Segment segment) {
        return JsonNodeFactory.instance.objectNode()
                .put("start", Math.round(segment.start() * 1000) / 1000.0)
                .put("end", Math.round(segment.end() * 1000) / 1000.0)
                .put("text", segment.text().strip());
    }
}
