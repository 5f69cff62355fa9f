package com.ytwhisper.worker.transcript;

import java.util.List;

/** A finished transcription: what the sidecar produces and the subtitle writers read. */
public record Transcript(TranscriptInfo info, List<Segment> segments) {
    public Transcript {
        segments = List.copyOf(segments);
    }
}
