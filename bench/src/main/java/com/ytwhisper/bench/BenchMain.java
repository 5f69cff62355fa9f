package com.ytwhisper.bench;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs the benchmark items (bench/run) and prints one table, each figure beside its baseline measured in
 * the same run, and writes the raw numbers to {@code bench/results/bench-<time>.json}.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        Path root = Path.of(System.getProperty("bench.root", ".")).toAbsolutePath().normalize();
        String started = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Report report = new Report(meta(options, started));
        try (Rig rig = new Rig(root)) {
            // subtitles first: their cold figure wants a JVM that has not rendered anything yet
            section(report, options.runs(6), "6", () -> new SubtitleBench(options, report).run());
            section(report, options.runs(1) || options.runs(4), "1/4", () -> new StartBench(rig, options, report).run());
            section(report, options.runs(2), "2", () -> new OverheadBench(rig, options, report).run());
            section(report, options.runs(3), "3", () -> new OverlapBench(rig, options, report).run());
            section(report, options.runs(5), "5", () -> new ClientBench(rig, options, report).run());
            section(report, options.runs(7), "7", () -> new GpuRtf(rig, report).run());
            section(report, options.runs(8), "8", () -> new CacheBench(rig, options, report).run());
        }
        System.out.println();
        System.out.println(heading(options));
        System.out.println();
        report.table.print(System.out);
        Path saved = report.save(root.resolve("bench/results"), "bench-" + started + ".json");
        System.out.println();
        System.out.println("raw numbers: " + root.relativize(saved));
    }

    private interface Item {
        void run() throws Exception;
    }

    /** Runs one item; a failure becomes a row saying so (details on stderr) and the other items still run. */
    private static void section(Report report, boolean wanted, String item, Item body) {
        if (!wanted) {
            return;
        }
        try {
            body.run();
        } catch (Exception | AssertionError e) {
            e.printStackTrace();
            String message = String.valueOf(e.getMessage()).lines().findFirst().orElse("");
            report.table.note(item, "item " + item, "failed: " + message, "", "");
        }
    }

    private static Map<String, Object> meta(Options options, String started) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("started", started);
        meta.put("mode", options.quick() ? "quick" : "full");
        meta.put("items", options.items());
        meta.put("runtime", "JVM");
        meta.put("java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
        meta.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        meta.put("cpus", Runtime.getRuntime().availableProcessors());
        meta.put("options", options);
        return meta;
    }

    private static String heading(Options options) {
        return "yt-whisper-worker benchmarks: JVM fast-jar (native cannot be built here), "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors() + " CPUs, " + (options.quick() ? "quick" : "full")
                + " mode. Figures: median (min–max, n samples); engine: pocketsphinx on the CPU.";
    }
}
