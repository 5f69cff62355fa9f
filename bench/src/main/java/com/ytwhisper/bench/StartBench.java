package com.ytwhisper.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Items 1 and 4. Each run starts a worker and times, from the process start, the engine-ready log
 * line and the first job-take; reads the idle memory of its process tree; then (item 4, product only)
 * runs two real jobs back to back. Launchers take turns within each run so drift hits all alike.
 */
final class StartBench {

    static final String PLAIN = "fast-jar plain";
    static final String PY_LOOP = "python stdlib loop";
    static final String PY_ENGINE = "python loop + pocketsphinx in-process";
    static final String SLOW_ENGINE = "fast-jar plain, 3-s engine load";
    static final long SLOW_LOAD_MS = 3000;
    private static final Pattern LOADED = Pattern.compile("loaded in ([0-9.]+) s");
    private static final long IDLE_SETTLE_MS = 1000;
    /** Quarkus has booted and the launcher chose platform mode; the engine is not waited for yet. */
    private static final String BOOTED_LINE = "starting in platform mode";

    private final Rig rig;
    private final Options options;
    private final Report report;
    private final Samples samples = new Samples();

    StartBench(Rig rig, Options options, Report report) {
        this.rig = rig;
        this.options = options;
        this.report = report;
    }

    void run() throws InterruptedException {
        boolean jobs = options.runs(4);
        String cds = "-XX:SharedArchiveFile=" + CdsArchive.ensure(rig);
        List<Launcher> launchers = new ArrayList<>(List.of(
                Launcher.jar(rig, PLAIN, List.of()),
                Launcher.jar(rig, "AppCDS", List.of(cds)),
                Launcher.jar(rig, "TieredStopAtLevel=1", List.of("-XX:TieredStopAtLevel=1")),
                Launcher.jar(rig, "AppCDS + TieredStopAtLevel=1", List.of(cds, "-XX:TieredStopAtLevel=1"))));
        if (options.runs(1)) {
            // faster-whisper's test stand-in, loading for 3 s like a model: shows whether the load overlaps the JVM boot
            launchers.add(launchers.get(0).with(SLOW_ENGINE, Map.of("WORKER_ENGINE", "faster-whisper",
                    "PYTHONPATH", rig.root.resolve("worker/src/test/python/faster_whisper_standin").toString(),
                    "FASTER_WHISPER_STANDIN_LOAD_S", Double.toString(SLOW_LOAD_MS / 1000.0))));
            launchers.add(Launcher.pythonBaseline(rig, PY_LOOP));
            launchers.add(Launcher.pythonBaseline(rig, PY_ENGINE, "--engine", "pocketsphinx"));
        }
        for (int run = 1; run <= options.startRuns(); run++) {
            for (Launcher launcher : launchers) {
                System.err.printf("item 1/4: run %d/%d, %s%n", run, options.startRuns(), launcher.name());
                once(launcher, jobs && launcher.jvm() && launcher.env().isEmpty(), run);
            }
        }
        report.raw("start", "launchers", launchers.stream().map(l -> java.util.Map.of("name", l.name(),
                "command", l.command())).toList());
        report.raw("start", "samples", samples.all());
        if (options.runs(1)) {
            startRows(launchers);
        }
        if (jobs) {
            jobRows(launchers);
        }
    }

    private void once(Launcher launcher, boolean realJobs, int run) throws InterruptedException {
        try (WorkerRun worker = WorkerRun.start(rig, launcher, 1, realJobs ? rig.media() : null)) {
            long start = worker.process.startedAtMillis();
            long take = worker.awaitFirstTake();
            long ready = worker.awaitReadyLine();
            String name = launcher.name();
            samples.add(name + "/take_ms", take - start);
            samples.add(name + "/ready_ms", ready - start);
            Matcher loaded = LOADED.matcher(worker.process.awaitLineText(WorkerRun.READY_LINE, WorkerRun.START_TIMEOUT));
            if (loaded.find()) {
                samples.add(name + "/engine_load_s", Double.parseDouble(loaded.group(1)));
            }
            if (launcher.jvm()) {
                long boot = worker.process.awaitLine(BOOTED_LINE, WorkerRun.START_TIMEOUT) - start;
                samples.add(name + "/boot_ms", boot);
                samples.add(name + "/boot_plus_slow_load_ms", boot + SLOW_LOAD_MS);
            }
            Thread.sleep(IDLE_SETTLE_MS);
            samples.add(name + "/idle_rss_mib", worker.process.treeRssMib());
            samples.add(name + "/idle_rss_main_process_mib", worker.process.rssMib());
            if (realJobs) {
                for (String which : List.of("first", "second")) {
                    String id = which + "-" + run;
                    worker.run(id, Jobs.realInput(rig.media(), id, ""));
                    samples.add(name + "/" + which + "_job_ms", worker.takeToDoneMs(id));
                }
            }
            samples.add(name + "/exit_code", worker.stop());
        }
    }

    private void startRows(List<Launcher> launchers) {
        report.row("1", "start → first job-take with a 3-s engine load, fast-jar plain",
                samples.figure(SLOW_ENGINE + "/take_ms", "ms"), "JVM boot + 3 s (no overlap)",
                samples.figure(SLOW_ENGINE + "/boot_plus_slow_load_ms", "ms"));
        for (Launcher l : launchers) {
            if (!l.jvm() || l.name().equals(SLOW_ENGINE)) {
                continue;
            }
            String n = l.name();
            report.row("1", "start → engine ready, " + n, samples.figure(n + "/ready_ms", "ms"),
                    PY_ENGINE, samples.figure(PY_ENGINE + "/ready_ms", "ms"));
            report.row("1", "start → first job-take, " + n, samples.figure(n + "/take_ms", "ms"),
                    PY_LOOP, samples.figure(PY_LOOP + "/take_ms", "ms"));
            report.row("1", "idle RSS worker + sidecar, " + n, samples.figure(n + "/idle_rss_mib", "MiB"),
                    PY_ENGINE, samples.figure(PY_ENGINE + "/idle_rss_mib", "MiB"));
        }
        report.row("1", "idle RSS, " + PY_LOOP, samples.figure(PY_LOOP + "/idle_rss_mib", "MiB"), "", null);
    }

    private void jobRows(List<Launcher> launchers) {
        for (Launcher l : launchers) {
            if (l.jvm() && l.env().isEmpty()) {
                String n = l.name();
                report.row("4", "first real job take→done, " + n, samples.figure(n + "/first_job_ms", "ms"),
                        "second job, same worker", samples.figure(n + "/second_job_ms", "ms"));
            }
        }
        report.row("4", "engine load a per-job (cold) engine would add", samples.figure(PLAIN + "/engine_load_s", "s"),
                "", null);
    }
}
