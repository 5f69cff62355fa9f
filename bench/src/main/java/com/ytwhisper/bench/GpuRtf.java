package com.ytwhisper.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.ytwhisper.testkit.media.SpeechFixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Item 7: where a GPU is present ({@code nvidia-smi -L} works), the worker's own
 * {@code --selfcheck}; then {@code bench/gpu_rtf.py} (faster-whisper on CUDA) and its real-time
 * factors, or the reason it skipped. The interpreter is {@code $BENCH_PYTHON} (default python3), the audio
 * {@code $BENCH_GPU_AUDIO} (default the short spoken test clip).
 */
final class GpuRtf {

    private final Rig rig;
    private final Report report;

    GpuRtf(Rig rig, Report report) {
        this.rig = rig;
        this.report = report;
    }

    void run() throws IOException, InterruptedException {
        System.err.println("item 7: GPU real-time factor");
        String python = System.getenv().getOrDefault("BENCH_PYTHON", "python3");
        if (gpuPresent()) {
            selfcheck(python);
        }
        String audio = System.getenv().getOrDefault("BENCH_GPU_AUDIO", SpeechFixtures.speech().wav().toString());
        Path json = rig.folder("gpu").resolve("gpu_rtf.json");
        Process p = new ProcessBuilder(python, rig.benchDir().resolve("gpu_rtf.py").toString(), audio,
                "--json", json.toString()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        p.waitFor();
        System.err.println(output);
        if (!Files.isRegularFile(json)) {
            report.table.note("7", "GPU real-time factor", "failed: " + output.lines().reduce((a, b) -> b).orElse(""),
                    "", "");
            return;
        }
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        report.raw("gpu_rtf", "result", result);
        if (result.has("skipped")) {
            String why = result.path("skipped").asText();
            int detail = why.indexOf(" (");
            report.table.note("7", "GPU real-time factor (faster-whisper)",
                    "skipped: " + (detail > 0 ? why.substring(0, detail) : why), "", "");
            return;
        }
        String what = "GPU audio-s per GPU-s, " + result.path("model").asText() + ", batch ";
        JsonNode byBatch = result.path("rtf_by_batch_size");
        Figure single = byBatch.has("1") ? rtf(byBatch, "1") : null;
        byBatch.fieldNames().forEachRemaining(batch -> {
            if (batch.equals("1") && byBatch.size() > 1) {
                return; // shown as the other rows' baseline
            }
            boolean beside = single != null && !batch.equals("1");
            report.row("7", what + batch, rtf(byBatch, batch), beside ? "batch 1" : "", beside ? single : null);
        });
    }

    /**
     * The worker's own {@code python3 -m ytw_sidecar --selfcheck} (bundled clip, batch 1 and the
     * default batch, the configured engine): real-time factor, peak GPU memory, word accuracy.
     */
    private void selfcheck(String python) throws IOException, InterruptedException {
        Path json = rig.folder("gpu").resolve("selfcheck.json");
        ProcessBuilder builder = new ProcessBuilder(python, "-m", "ytw_sidecar", "--selfcheck", "--json", json.toString())
                .redirectErrorStream(true);
        builder.environment().put("PYTHONPATH", rig.root.resolve("worker/src/main/python").toString());
        builder.environment().putIfAbsent("WORKER_ENGINE", "faster-whisper");
        Process p = builder.start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        int exit = p.waitFor();
        System.err.println(output);
        if (!Files.isRegularFile(json)) {
            report.table.note("7", "selfcheck (bundled clip)", "failed (exit " + exit + "): "
                    + output.lines().reduce((a, b) -> b).orElse(""), "", "");
            return;
        }
        JsonNode result = new ObjectMapper().readTree(json.toFile());
        report.raw("gpu_selfcheck", "result", result);
        for (JsonNode run : result.path("runs")) {
            report.table.note("7", "selfcheck " + result.path("engine").asText() + " " + result.path("model").asText()
                            + ", batch " + run.path("batch_size").asInt(),
                    run.path("rtf").asText() + "× real time, word accuracy " + run.path("word_accuracy").asText()
                            + ", peak GPU memory " + (run.path("peak_gpu_mib").isNull() ? "n/a" : run.path("peak_gpu_mib").asText() + " MiB"),
                    result.path("passed").asBoolean() ? "floors met" : "UNDER A FLOOR", "");
        }
    }

    private static boolean gpuPresent() {
        try {
            Process p = new ProcessBuilder("nvidia-smi", "-L").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false; // no nvidia-smi: no GPU
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Figure rtf(JsonNode byBatch, String batch) {
        List<Double> values = new ArrayList<>();
        byBatch.path(batch).forEach(v -> values.add(v.asDouble()));
        return Figure.of("×", values);
    }
}
