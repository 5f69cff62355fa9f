package com.ytwhisper.bench;

import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.subtitles.SubtitleLayout;
import com.ytwhisper.worker.transcript.Transcript;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Function;

/**
 * Item 6: subtitles for a 4-hour transcript (3,000 segments with word times): the product's cue
 * building and SRT rendering against a naive one-cue-per-segment writer, in this JVM. The first
 * render of each is timed cold (as a fresh worker's first job meets it), then both alternately warm.
 */
final class SubtitleBench {

    private static final int WARMUP = 10;

    private final Options options;
    private final Report report;
    private final Samples samples = new Samples();

    SubtitleBench(Options options, Report report) {
        this.options = options;
        this.report = report;
    }

    void run() {
        System.err.println("item 6: subtitles for a 4-hour transcript");
        Transcript transcript = LongTranscript.make(42);
        Function<Transcript, byte[]> product = t -> SubtitleFormat.SRT.render(t, SubtitleLayout.DEFAULT);
        Function<Transcript, byte[]> naive = NaiveSrt::render;
        samples.add("cuebuilder/cold_ms", time(product, transcript));
        samples.add("naive/cold_ms", time(naive, transcript));
        for (int i = 0; i < WARMUP; i++) {
            product.apply(transcript);
            naive.apply(transcript);
        }
        for (int i = 0; i < options.subtitleReps(); i++) {
            samples.add("cuebuilder/warm_ms", time(product, transcript));
            samples.add("naive/warm_ms", time(naive, transcript));
        }
        report.raw("subtitles", "segments", transcript.segments().size());
        report.raw("subtitles", "words", LongTranscript.wordCount(transcript));
        report.raw("subtitles", "cues", Map.of("cuebuilder", cues(product.apply(transcript)),
                "naive", cues(naive.apply(transcript))));
        report.raw("subtitles", "samples", samples.all());
        String what = "4-h transcript (" + transcript.segments().size() + " segments, "
                + LongTranscript.wordCount(transcript) + " words) → SRT, ";
        String baseline = "naive one cue per segment";
        report.row("6", what + "CueBuilder + SRT.render, warm", samples.figure("cuebuilder/warm_ms", "ms"),
                baseline, samples.figure("naive/warm_ms", "ms"));
        report.row("6", what + "first call in this JVM (cold)", samples.figure("cuebuilder/cold_ms", "ms"),
                baseline, samples.figure("naive/cold_ms", "ms"));
    }

    private static double time(Function<Transcript, byte[]> render, Transcript t) {
        long start = System.nanoTime();
        byte[] out = render.apply(t);
        double ms = (System.nanoTime() - start) / 1e6;
        if (out.length == 0) {
            throw new IllegalStateException("empty subtitles");
        }
        return ms;
    }

    /** Cues in an SRT file: its blank-line-separated blocks. */
    private static long cues(byte[] srt) {
        return new String(srt, StandardCharsets.UTF_8).split("\n\n").length;
    }
}
