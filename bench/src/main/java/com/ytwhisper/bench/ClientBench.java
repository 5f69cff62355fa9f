package com.ytwhisper.bench;

import com.ytwhisper.testkit.endpoint.EndpointEmulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Item 5: the client's wall time per call, through its launchers ({@code client/bin/check_yt_job},
 * {@code client/bin/ytw}, with their JVM flags and AppCDS) against the same command run as plain
 * {@code java -jar}. Runs only where the client is built, against the testkit's endpoint emulator.
 */
final class ClientBench {

    private static final String DONE_ID = "20250101-000000-1";
    private static final String UNKNOWN_ID = "20250101-000000-404";
    private static final String PLAIN = "plain java -jar, no launcher flags";

    /** One timed command; the baseline is the same command without the launcher. */
    private record Call(String name, List<String> command, Map<String, String> env) {
    }

    private final Rig rig;
    private final Options options;
    private final Report report;
    private final Samples samples = new Samples();

    ClientBench(Rig rig, Options options, Report report) {
        this.rig = rig;
        this.options = options;
        this.report = report;
    }

    void run() throws IOException, InterruptedException {
        Path bin = rig.root.resolve("client/bin");
        Path jar = rig.root.resolve("client/target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(bin.resolve("check_yt_job")) || !Files.isRegularFile(jar)) {
            System.err.println("item 5: skipped: client not built");
            report.table.note("5", "client: check_yt_job, ytw submit", "skipped: client not built", "", "");
            return;
        }
        System.err.println("item 5: client wall time");
        try (EndpointEmulator endpoint = EndpointEmulator.start()) {
            Map<String, String> statusEnv = env(endpoint, statusHome());
            Map<String, String> submitEnv = env(endpoint, rig.folder("yt_jobs_submit"));
            Map<String, String> noCds = new LinkedHashMap<>(submitEnv);
            noCds.put("YTW_NO_CDS", "1");
            String url = "https://www.youtube.com/watch?v=bench";
            List<String> plain = List.of(rig.java, "-jar", jar.toString());
            List<Call[]> pairs = List.of(
                    pair(new Call("check_yt_job, finished job", List.of(bin.resolve("check_yt_job").toString(), DONE_ID),
                            statusEnv), plus(plain, "status", "--", DONE_ID)),
                    pair(new Call("check_yt_job, unknown job (→ ytw status)",
                            List.of(bin.resolve("check_yt_job").toString(), UNKNOWN_ID), statusEnv),
                            plus(plain, "status", "--", UNKNOWN_ID)),
                    pair(new Call("ytw submit --no-follow", List.of(bin.resolve("ytw").toString(), "submit", url,
                            "--no-follow"), submitEnv), plus(plain, "submit", url, "--no-follow")),
                    pair(new Call("ytw submit --no-follow, launcher flags without AppCDS",
                            List.of(bin.resolve("ytw").toString(), "submit", url, "--no-follow"), noCds),
                            plus(plain, "submit", url, "--no-follow")));
            try {
                for (int i = 0; i <= options.clientRuns(); i++) {
                    for (Call[] pair : pairs) {
                        for (Call call : pair) {
                            double ms = time(call);
                            if (i > 0) { // the first round is a warm-up: it also records the launcher's CDS archive
                                samples.add(call.name(), ms);
                            }
                        }
                    }
                }
            } catch (IllegalStateException e) {
                report.table.note("5", "client wall time", "failed: " + e.getMessage(), "", "");
                return;
            } finally {
                stopPoller(statusEnv);
                stopPoller(submitEnv);
            }
            report.raw("client", "samples_ms", samples.all());
            for (Call[] pair : pairs) {
                report.row("5", pair[0].name(), samples.figure(pair[0].name(), "ms"), PLAIN,
                        samples.figure(pair[1].name(), "ms"));
            }
        }
    }

    private static Call[] pair(Call launcher, List<String> plainCommand) {
        return new Call[] {launcher, new Call(launcher.name() + " / " + PLAIN, plainCommand, launcher.env())};
    }

    private static List<String> plus(List<String> base, String... args) {
        List<String> all = new ArrayList<>(base);
        all.addAll(List.of(args));
        return all;
    }

    private Map<String, String> env(EndpointEmulator endpoint, Path home) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("YT_JOBS_HOME", home.toString());
        env.put("RUNPOD_ENDPOINT_BASE_URL", endpoint.baseUrl());
        env.put("RUNPOD_ENDPOINT_ID", "bench");
        env.put("RUNPOD_API_KEY", "bench-client-key");
        env.put("JAVA_HOME", System.getProperty("java.home"));
        return env;
    }

    /** A jobs home holding one finished job's status file, as the poller leaves it. */
    private Path statusHome() throws IOException {
        Path home = rig.folder("yt_jobs_status");
        Files.createDirectories(home.resolve("status"));
        Files.writeString(home.resolve("status/" + DONE_ID + ".json"), "{\"job_id\":\"" + DONE_ID
                + "\",\"runpod_job_id\":\"rp-0\",\"status\":\"done\",\"srt_path\":\"s3://bench/" + DONE_ID
                + ".srt\",\"error\":null}\n");
        return home;
    }

    private double time(Call call) throws IOException, InterruptedException {
        Path err = rig.scratch.resolve("client-stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(call.command()).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(err.toFile()).directory(rig.scratch.toFile());
        pb.environment().putAll(call.env());
        long start = System.nanoTime();
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new IllegalStateException(call.name() + " did not finish in 120 s");
        }
        double ms = (System.nanoTime() - start) / 1e6;
        if (p.exitValue() != 0) {
            String stderr = Files.readString(err, StandardCharsets.UTF_8).strip();
            throw new IllegalStateException(call.name() + " exited with " + p.exitValue() + ": "
                    + stderr.lines().findFirst().orElse(""));
        }
        return ms;
    }

    /** Ends a background poller a timed command may have started (its pid is in the jobs home's lock file). */
    private static void stopPoller(Map<String, String> env) {
        Path lock = Path.of(env.get("YT_JOBS_HOME"), "poller.lock");
        try {
            long pid = Long.parseLong(Files.readString(lock).strip());
            ProcessHandle.of(pid).filter(h -> h.info().commandLine().orElse("").contains("quarkus-run.jar"))
                    .ifPresent(ProcessHandle::destroy);
        } catch (IOException | NumberFormatException e) {
            // no poller was started
        }
    }
}
