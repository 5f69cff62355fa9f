package com.ytwhisper.worker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import com.ytwhisper.testkit.process.ChildProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The images' entrypoint.sh, run here in front of the built worker jar: each missing piece (GPU,
 * CUDA libraries, model, engine) stops the start with exit 1 and a message naming the fix, and with
 * everything in place it becomes the worker, arguments passed through. This machine has no GPU:
 * the GPU cases put a stand-in nvidia-smi on PATH; the CUDA libraries and faster-whisper are
 * really absent here (the tests say so and skip where they are not).
 */
class EntrypointIT {

    static final Path SCRIPT = DeployFiles.findRoot().resolve(DeployFiles.ENTRYPOINT);
    static final Path JAR = Path.of(System.getProperty("worker.app.dir", "target/quarkus-app"), "quarkus-run.jar");
    static final String PYTHON = "/usr/bin/python3"; // the Python with pocketsphinx (local-test-facts.md)
    static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

    @TempDir
    Path dir;
    Path bin;
    Path model;

    @BeforeEach
    void folders() throws IOException {
        bin = Files.createDirectory(dir.resolve("bin"));
        model = Files.createDirectory(dir.resolve("model"));
        for (String file : MODEL_FILES) {
            Files.writeString(model.resolve(file), "stand-in " + file);
        }
    }

    /** What a complete faster-whisper model folder holds. */
    static final List<String> MODEL_FILES = List.of("model.bin", "config.json", "tokenizer.json", "preprocessor_config.json");

    @Test
    void withoutArgumentsItPrintsItsUsage() throws Exception {
        Result r = run(env("pocketsphinx"));
        assertEquals(2, r.exit, r.stderr);
        assertTrue(r.stderr.contains("usage: entrypoint.sh <worker command>"), r.stderr);
    }

    @Test
    void anUnknownEngineIsNamed() throws Exception {
        Result r = run(env("whisperx"), "true");
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("WORKER_ENGINE=whisperx is not an engine"), r.stderr);
    }

    @Test
    void aMissingPythonIsNamed() throws Exception {
        Map<String, String> env = env("faster-whisper");
        env.put("WORKER_PYTHON", dir.resolve("venv/bin/python3").toString());
        Result r = run(env, "true");
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("WORKER_PYTHON=" + dir.resolve("venv/bin/python3") + " is not an executable"), r.stderr);
    }

    @Test
    void aModelFolderWithoutModelBinStopsTheStart() throws Exception {
        Map<String, String> env = env("faster-whisper");
        env.put("WORKER_MODEL", dir.resolve("models/large-v3").toString());
        Result r = run(env, "true");
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("WORKER_MODEL=" + dir.resolve("models/large-v3") + " has no model.bin"), r.stderr);
    }

    @Test
    void aModelFolderWithoutTokenizerOrPreprocessorConfigStopsTheStart() throws Exception {
        for (String missing : List.of("tokenizer.json", "preprocessor_config.json", "config.json")) {
            Files.move(model.resolve(missing), dir.resolve(missing));
            Result r = run(env("faster-whisper"), "true");
            assertEquals(1, r.exit, r.stderr);
            assertTrue(r.stderr.contains("WORKER_MODEL=" + model + " has no " + missing), r.stderr);
            Files.move(dir.resolve(missing), model.resolve(missing));
        }
    }

    @Test
    void withoutNvidiaSmiItSaysThereIsNoGpuAndHowToRunWithout() throws Exception {
        Result r = run(env("faster-whisper"), "true"); // PATH holds only the empty bin folder
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("no NVIDIA GPU: nvidia-smi is not on PATH"), r.stderr);
        assertTrue(r.stderr.contains("WORKER_DEVICE=cpu"), r.stderr);
    }

    @Test
    void aFailingNvidiaSmiIsQuoted() throws Exception {
        standInNvidiaSmi("echo 'NVIDIA-SMI has failed because it could not communicate with the NVIDIA driver.'; exit 9");
        Result r = run(env("faster-whisper"), "true");
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("nvidia-smi -L failed: NVIDIA-SMI has failed because it could not communicate"), r.stderr);
    }

    @Test
    void withAGpuButNoCudaLibrariesItNamesTheLibrary() throws Exception {
        assumeFalse(loadable("libcublas.so.12"), "this machine has the CUDA libraries");
        standInNvidiaSmi("echo 'GPU 0: Stand-in GPU (UUID: GPU-00000000)'");
        Result r = run(env("faster-whisper"), "true");
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("GPU 0: Stand-in GPU"), r.stderr);
        assertTrue(r.stderr.contains("libcublas.so.12 cannot be loaded"), r.stderr);
        assertTrue(r.stderr.contains("CUDA 12 with cuDNN 9"), r.stderr);
    }

    @Test
    void anEngineThatDoesNotImportIsNamedWithThePython() throws Exception {
        assumeFalse(imports("faster_whisper"), "faster-whisper is installed here");
        Map<String, String> env = env("faster-whisper");
        env.put("WORKER_DEVICE", "cpu");
        Result r = run(env, "true");
        assertEquals(1, r.exit, r.stderr);
        assertTrue(r.stderr.contains("WORKER_ENGINE=faster-whisper: the engine does not import with " + PYTHON), r.stderr);
        assertTrue(r.stderr.contains("No module named 'faster_whisper'"), r.stderr);
    }

    @Test
    void whenAllIsThereItBecomesTheWorkerWithItsArguments() throws Exception {
        Result r = run(env("pocketsphinx"), JAVA, "-jar", JAR.toString(), "--rp_serve");
        assertTrue(r.stderr.contains("ytw-entrypoint: checks passed (engine=pocketsphinx"), r.stderr);
        // the worker itself answered: its usage error for the unknown argument
        assertEquals(2, r.exit, r.stderr);
        assertTrue(r.stderr.contains("unknown argument '--rp_serve'"), r.stderr);
    }

    @Test
    void skipPreflightStartsTheWorkerWithoutChecks() throws Exception {
        Map<String, String> env = env("whisperx");
        env.put("WORKER_SKIP_PREFLIGHT", "true");
        Result r = run(env, JAVA, "-jar", JAR.toString(), "--rp_serve");
        assertEquals(2, r.exit, r.stderr);
        assertTrue(r.stderr.contains("WORKER_SKIP_PREFLIGHT=true: starting without checks"), r.stderr);
        assertTrue(r.stderr.contains("unknown argument '--rp_serve'"), r.stderr);
    }

    private Map<String, String> env(String engine) {
        Map<String, String> env = new HashMap<>();
        env.put("PATH", bin.toString());
        env.put("WORKER_ENGINE", engine);
        env.put("WORKER_DEVICE", "cuda");
        env.put("WORKER_MODEL", model.toString());
        env.put("WORKER_PYTHON", PYTHON);
        env.put("WORKER_SKIP_PREFLIGHT", "false");
        return env;
    }

    /** A stand-in for nvidia-smi: a script with the given body. */
    private void standInNvidiaSmi(String body) throws IOException {
        Path script = bin.resolve("nvidia-smi");
        Files.writeString(script, "#!/bin/sh\n# stand-in for nvidia-smi (test only)\n" + body + "\n");
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private record Result(int exit, String stderr) {
    }

    private Result run(Map<String, String> env, String... command) throws Exception {
        List<String> line = new ArrayList<>(List.of(SCRIPT.toString()));
        line.addAll(List.of(command));
        try (ChildProcess p = ChildProcess.start(line, env, dir)) {
            int exit = p.waitFor(Duration.ofSeconds(60));
            return new Result(exit, p.stderr());
        }
    }

    private static boolean loadable(String library) throws Exception {
        return python("import ctypes; ctypes.CDLL('" + library + "')");
    }

    private static boolean imports(String module) throws Exception {
        return python("import " + module);
    }

    private static boolean python(String code) throws Exception {
        Process p = new ProcessBuilder(PYTHON, "-c", code).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        return p.waitFor() == 0;
    }
}
