package com.ytwhisper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.MediaServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item 3: is the engine kept busy while downloads are slow? K real jobs (22 s of speech each) whose
 * downloads the media server throttles so that a download lasts about as long as a transcription, at
 * concurrency 1 and then 2. The ideal is max(Σ download, Σ transcription) from the concurrency-1 jobs'
 * own {@code timings} (measured one at a time, so uncontended); the engine's busy share is
 * Σ transcription / total.
 */
final class OverlapBench {

    private static final long MIN_RATE = 2_000;

    /** Sums over one run's jobs, in seconds. */
    private record Run(double total, double download, double transcribe) {
    }

    private final Rig rig;
    private final Options options;
    private final Report report;
    private final Samples samples = new Samples();
    private final List<Map<String, Object>> jobs = new ArrayList<>();
    private long rate;

    OverlapBench(Rig rig, Options options, Report report) {
        this.rig = rig;
        this.options = options;
        this.report = report;
    }

    void run() throws InterruptedException {
        for (int round = 1; round <= options.overlapRuns(); round++) {
            Run one = once(1, round);
            Run two = once(2, round);
            samples.add("c1/total_s", one.total());
            samples.add("c2/total_s", two.total());
            samples.add("ideal_s", Math.max(one.download(), one.transcribe()));
            samples.add("c1/engine_busy_pct", 100 * one.transcribe() / one.total());
            samples.add("c2/engine_busy_pct", 100 * two.transcribe() / two.total());
            samples.add("c1/download_sum_s", one.download());
            samples.add("c1/transcribe_sum_s", one.transcribe());
            samples.add("c2/download_sum_s", two.download());
            samples.add("c2/transcribe_sum_s", two.transcribe());
        }
        report.raw("overlap", "rate_bytes_per_s", rate);
        report.raw("overlap", "per_run", samples.all());
        report.raw("overlap", "jobs", jobs);
        String what = options.overlapJobs() + " throttled 22-s jobs, total, concurrency ";
        String ideal = "ideal max(Σdownload, Σtranscribe)";
        report.row("3", what + 1, samples.figure("c1/total_s", "s"), ideal, samples.figure("ideal_s", "s"));
        report.row("3", what + 2, samples.figure("c2/total_s", "s"), ideal, samples.figure("ideal_s", "s"));
        report.row("3", "engine busy Σtranscribe/total, concurrency 2", samples.figure("c2/engine_busy_pct", "%"),
                "concurrency 1", samples.figure("c1/engine_busy_pct", "%"));
    }

    private Run once(int concurrency, int round) throws InterruptedException {
        System.err.printf("item 3: round %d/%d, concurrency %d, %d throttled jobs%n", round, options.overlapRuns(),
                concurrency, options.overlapJobs());
        MediaServer media = rig.longMedia();
        Launcher plain = Launcher.jar(rig, StartBench.PLAIN, List.of());
        try (WorkerRun worker = WorkerRun.start(rig, plain, concurrency, media)) {
            worker.awaitFirstTake();
            String warmup = "warmup-c" + concurrency + "-r" + round;
            JsonNode first = worker.run(warmup, Jobs.realInput(media, warmup, ""));
            if (rate == 0) {
                rate = calibrate(media, timings(first, warmup));
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < options.overlapJobs(); i++) {
                String id = "slow-c" + concurrency + "-r" + round + "-" + i;
                ids.add(id);
                worker.emulator.enqueue(id, Jobs.realInput(media, id, "?rate=" + rate));
            }
            double download = 0;
            double transcribe = 0;
            long start = Long.MAX_VALUE;
            long end = Long.MIN_VALUE;
            for (String id : ids) {
                JsonNode timings = timings(worker.awaitFinal(id), id);
                download += timings.path("download_s").asDouble();
                transcribe += timings.path("transcribe_s").asDouble();
                start = Math.min(start, worker.handedOutAtMillis(id));
                end = Math.max(end, worker.doneAtMillis(id));
                Map<String, Object> job = new LinkedHashMap<>();
                job.put("id", id);
                job.put("concurrency", concurrency);
                job.put("take_to_done_ms", worker.takeToDoneMs(id));
                job.put("timings", timings);
                jobs.add(job);
            }
            worker.stop();
            return new Run((end - start) / 1000.0, download, transcribe);
        }
    }

    /**
     * Bytes per second at which a download (the transfer plus yt-dlp's and ffmpeg's own time, as the
     * unthrottled warm-up measured it) lasts about as long as the warm-up's transcription.
     */
    private static long calibrate(MediaServer media, JsonNode warmup) {
        double transfer = warmup.path("transcribe_s").asDouble() - warmup.path("download_s").asDouble();
        try {
            long size = Files.size(media.speech().mp4());
            return Math.max(MIN_RATE, Math.round(size / Math.max(0.5, transfer)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode timings(JsonNode result, String id) {
        JsonNode timings = result.path("output").path("timings");
        if (result.has("error") || timings.isMissingNode()) {
            throw new IllegalStateException("job " + id + " did not succeed: " + result);
        }
        return timings;
    }
}
