package com.ytwhisper.worker.sidecar;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import org.jboss.logging.Logger;

/**
 * Picks the interpreter that runs the sidecar: {@code WORKER_PYTHON} (default {@code python3}),
 * then {@code python3}, then {@code /usr/bin/python3}, the first that can import the engine's
 * package. pyenv, conda and venv users often have a {@code python3} first on PATH that lacks the
 * Debian {@code python3-pocketsphinx} package, and the sidecar would then die with
 * {@code ModuleNotFoundError} at boot. Only asks whether the package is found (no import), so a
 * probe costs one interpreter start.
 */
public final class PythonChoice {

    private static final Logger LOG = Logger.getLogger(PythonChoice.class);
    private static final List<String> FALLBACKS = List.of("python3", "/usr/bin/python3");
    private static final long PROBE_TIMEOUT_S = 30;
    /** Answers already found, so the early sidecar and the Transcriber probe once between them. */
    private static final Map<List<String>, String> CHOSEN = new ConcurrentHashMap<>();

    private PythonChoice() {
    }

    /**
     * @param configured {@code WORKER_PYTHON}
     * @param engine     {@code WORKER_ENGINE}: {@code faster-whisper}, {@code pocketsphinx} or {@code auto}
     * @param sidecarDir put on {@code PYTHONPATH} as the sidecar has it
     * @return the first candidate that finds the engine's package
     * @throws IllegalStateException naming {@code WORKER_PYTHON} and what each candidate answered
     */
    public static String choose(String configured, String engine, Path sidecarDir) {
        List<String> key = List.of(configured, engine, sidecarDir.toString());
        String known = CHOSEN.get(key);
        if (known != null) {
            return known;
        }
        String chosen = chooseAfresh(configured, engine, sidecarDir);
        CHOSEN.put(key, chosen);
        return chosen;
    }

    private static String chooseAfresh(String configured, String engine, Path sidecarDir) {
        List<String> modules = modules(engine);
        if (modules.isEmpty()) {
            return configured; // not an engine name: the sidecar itself reports that
        }
        Set<String> candidates = new LinkedHashSet<>();
        candidates.add(configured);
        candidates.addAll(FALLBACKS);
        List<String> answers = new ArrayList<>();
        String configuredProblem = null;
        for (String python : candidates) {
            String problem = probe(python, modules, sidecarDir);
            if (problem == null) {
                if (!python.equals(configured)) {
                    LOG.warnf("WORKER_PYTHON=%s cannot import %s (%s); using %s, which can. Set WORKER_PYTHON to "
                            + "silence this", configured, String.join(" or ", modules), configuredProblem, python);
                }
                return python;
            }
            configuredProblem = configuredProblem == null ? problem : configuredProblem;
            answers.add(python + ": " + problem);
        }
        throw new IllegalStateException("no Python interpreter here can import the speech engine ("
                + String.join(" or ", modules) + " for WORKER_ENGINE=" + engine + "); tried " + String.join("; ", answers)
                + ". Set WORKER_PYTHON to an interpreter that has it (on Debian: apt-get install python3-pocketsphinx "
                + "pocketsphinx-en-us, then WORKER_PYTHON=/usr/bin/python3)");
    }

    /** The Python packages that make {@code engine} work; empty for an unknown engine name. */
    static List<String> modules(String engine) {
        return switch (engine) {
            case "faster-whisper" -> List.of("faster_whisper");
            case "pocketsphinx" -> List.of("pocketsphinx");
            case "auto" -> List.of("faster_whisper", "pocketsphinx");
            default -> List.of();
        };
    }

    /** Null when {@code python} finds one of {@code modules}; otherwise what went wrong, in a few words. */
    static String probe(String python, List<String> modules, Path sidecarDir) {
        String code = "import importlib.util, sys\n"
                + "sys.exit(0 if any(importlib.util.find_spec(m) for m in sys.argv[1:]) else 3)\n";
        List<String> command = new ArrayList<>(List.of(python, "-c", code));
        command.addAll(modules);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        String inherited = builder.environment().get("PYTHONPATH");
        builder.environment().put("PYTHONPATH", sidecarDir + (inherited == null || inherited.isBlank()
                ? "" : File.pathSeparator + inherited));
        builder.environment().put("PYTHONDONTWRITEBYTECODE", "1");
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readNBytes(2000);
            if (!process.waitFor(PROBE_TIMEOUT_S, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return "did not answer in " + PROBE_TIMEOUT_S + " s";
            }
            return switch (process.exitValue()) {
                case 0 -> null;
                case 3 -> "no module named " + String.join(" or ", modules);
                default -> "exit " + process.exitValue() + " " + new String(output, StandardCharsets.UTF_8).strip();
            };
        } catch (IOException e) {
            return "cannot run it (" + e.getMessage() + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }
}
