package com.ytwhisper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Item 2: what the protocol costs per job. N jobs that fail validation (no download, no engine) are
 * queued at once on a started worker; from the emulator's clock: jobs per second (first hand-out to last
 * result) and each job's take→done latency, at concurrency 1 and 4, product and Python baseline alike.
 */
final class OverheadBench {

    private static final int[] CONCURRENCY = {1, 4};

    private final Rig rig;
    private final Options options;
    private final Report report;
    private final Samples samples = new Samples();
    private final Map<String, List<Double>> latencies = new LinkedHashMap<>();

    OverheadBench(Rig rig, Options options, Report report) {
        this.rig = rig;
        this.options = options;
        this.report = report;
    }

    void run() throws InterruptedException {
        List<Launcher> launchers = List.of(Launcher.jar(rig, StartBench.PLAIN, List.of()),
                Launcher.pythonBaseline(rig, StartBench.PY_LOOP));
        for (int c : CONCURRENCY) {
            for (int run = 1; run <= options.overheadRuns(); run++) {
                for (Launcher launcher : launchers) {
                    System.err.printf("item 2: concurrency %d, run %d/%d, %s%n", c, run, options.overheadRuns(),
                            launcher.name());
                    once(launcher, c, run);
                }
            }
        }
        report.raw("overhead", "jobs_per_run", options.overheadJobs());
        report.raw("overhead", "per_run", samples.all());
        report.raw("overhead", "take_to_done_ms", latencies);
        String jvm = StartBench.PLAIN;
        String py = StartBench.PY_LOOP;
        for (int c : CONCURRENCY) {
            String k = "/c" + c;
            report.row("2", "jobs/s, " + options.overheadJobs() + " failing jobs, concurrency " + c,
                    samples.figure(jvm + k + "/jobs_per_s", "jobs/s"), py, samples.figure(py + k + "/jobs_per_s", "jobs/s"));
            report.row("2", "take→done p50, concurrency " + c, samples.figure(jvm + k + "/p50_ms", "ms"),
                    py, samples.figure(py + k + "/p50_ms", "ms"));
            report.row("2", "take→done p99, concurrency " + c, samples.figure(jvm + k + "/p99_ms", "ms"),
                    py, samples.figure(py + k + "/p99_ms", "ms"));
        }
    }

    private void once(Launcher launcher, int concurrency, int run) throws InterruptedException {
        int n = options.overheadJobs();
        String key = launcher.name() + "/c" + concurrency;
        try (WorkerRun worker = WorkerRun.start(rig, launcher, concurrency, null)) {
            worker.awaitFirstTake();
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String id = "c" + concurrency + "-r" + run + "-" + i;
                ids.add(id);
                worker.emulator.enqueue(id, Jobs.INVALID[i % Jobs.INVALID.length]);
            }
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            List<Double> took = new ArrayList<>();
            for (String id : ids) {
                JsonNode result = worker.awaitFinal(id);
                if (!result.has("error")) {
                    throw new IllegalStateException("job " + id + " should have failed validation: " + result);
                }
                first = Math.min(first, worker.handedOutAtMillis(id));
                last = Math.max(last, worker.doneAtMillis(id));
                took.add(worker.takeToDoneMs(id));
            }
            samples.add(key + "/jobs_per_s", n * 1000.0 / Math.max(1, last - first));
            samples.add(key + "/p50_ms", Figure.percentile(took, 50));
            samples.add(key + "/p99_ms", Figure.percentile(took, 99));
            latencies.computeIfAbsent(key, k -> new ArrayList<>()).addAll(took);
            worker.stop();
        }
    }
}
