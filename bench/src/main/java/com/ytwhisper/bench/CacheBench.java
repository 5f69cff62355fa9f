package com.ytwhisper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.testkit.media.MediaServer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item 8: the transcript cache. One worker with the cache on; per round a video (22 s of speech)
 * under a key prefix of its own, so the first job misses (probe, download, transcription, entry
 * written) and the second, the same video with another request id, hits (probe, entry read,
 * subtitles rendered). Figure: take→done of the second job beside the first's.
 */
final class CacheBench {

    private final Rig rig;
    private final Options options;
    private final Report report;
    private final Samples samples = new Samples();
    private final List<Map<String, Object>> jobs = new ArrayList<>();

    CacheBench(Rig rig, Options options, Report report) {
        this.rig = rig;
        this.options = options;
        this.report = report;
    }

    void run() throws InterruptedException {
        MediaServer media = rig.longMedia();
        Launcher plain = Launcher.jar(rig, StartBench.PLAIN, List.of());
        try (WorkerRun worker = WorkerRun.start(rig, plain, 1, media, Map.of("WORKER_CACHE", "on"))) {
            worker.awaitFirstTake();
            for (int round = 1; round <= options.startRuns(); round++) {
                System.err.printf("item 8: round %d/%d, the same video twice%n", round, options.startRuns());
                String prefix = "cache-round-" + round + "/";
                samples.add("miss_ms", job(worker, "cache-miss-" + round, prefix, "miss"));
                samples.add("hit_ms", job(worker, "cache-hit-" + round, prefix, "hit"));
            }
            worker.stop();
        }
        report.raw("cache", "per_run", samples.all());
        report.raw("cache", "jobs", jobs);
        report.row("8", "same 22-s video again, take→done (cache hit)", samples.figure("hit_ms", "ms"),
                "first job (miss: download + transcription)", samples.figure("miss_ms", "ms"));
    }

    private double job(WorkerRun worker, String id, String prefix, String expected) {
        JsonNode result = worker.run(id, "{\"youtube_url\":\"" + worker.media().url("/speech.mp4") + "\",\"request_id\":\""
                + id + "\",\"s3_key_prefix\":\"" + prefix + "\"}");
        JsonNode out = result.path("output");
        if (result.has("error") || !expected.equals(out.path("cache").asText())) {
            throw new IllegalStateException("job " + id + " should be a cache " + expected + ": " + result);
        }
        double ms = worker.takeToDoneMs(id);
        Map<String, Object> job = new LinkedHashMap<>();
        job.put("id", id);
        job.put("cache", expected);
        job.put("take_to_done_ms", ms);
        job.put("timings", out.path("timings"));
        jobs.add(job);
        return ms;
    }
}
