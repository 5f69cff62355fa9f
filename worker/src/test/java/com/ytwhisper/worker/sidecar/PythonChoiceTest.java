package com.ytwhisper.worker.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The interpreter choice against real interpreters: Debian's python3 (with python3-pocketsphinx)
 * and a venv without it, as pyenv, conda and venv users have first on PATH.
 */
@ExternalProcesses
class PythonChoiceTest {

    private static final String DEBIAN_PYTHON = System.getProperty("sidecar.python", "/usr/bin/python3");

    @TempDir
    static Path dir;

    private static String venvPython;
    private static final Path SIDECAR = Path.of("src/main/python").toAbsolutePath();

    @BeforeAll
    static void venvWithoutTheEngine() throws Exception {
        Path venv = dir.resolve("venv");
        Process p = new ProcessBuilder(DEBIAN_PYTHON, "-m", "venv", "--without-pip", venv.toString()).inheritIO().start();
        assertEquals(0, p.waitFor());
        venvPython = venv.resolve("bin/python3").toString();
    }

    @Test
    void aConfiguredInterpreterWithTheEngineIsKept() {
        assertEquals(DEBIAN_PYTHON, PythonChoice.choose(DEBIAN_PYTHON, "pocketsphinx", SIDECAR));
        assertEquals(DEBIAN_PYTHON, PythonChoice.choose(DEBIAN_PYTHON, "auto", SIDECAR));
    }

    @Test
    void anInterpreterWithoutTheEngineGivesWayToOneThatHasIt() {
        assertEquals("no module named pocketsphinx", PythonChoice.probe(venvPython, List.of("pocketsphinx"), SIDECAR));
        String chosen = PythonChoice.choose(venvPython, "pocketsphinx", SIDECAR);
        assertNotEquals(venvPython, chosen);
        assertEquals(null, PythonChoice.probe(chosen, List.of("pocketsphinx"), SIDECAR));
    }

    @Test
    void whenNoneHasTheEngineTheErrorNamesWorkerPythonAndEachAnswer() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> PythonChoice.choose("/nonexistent/python3", "faster-whisper", SIDECAR));
        assertTrue(e.getMessage().startsWith("no Python interpreter here can import the speech engine (faster_whisper "
                + "for WORKER_ENGINE=faster-whisper); tried /nonexistent/python3: cannot run it"), e.getMessage());
        assertTrue(e.getMessage().contains("python3: no module named faster_whisper"), e.getMessage());
        assertTrue(e.getMessage().contains("Set WORKER_PYTHON to an interpreter that has it"), e.getMessage());
    }

    @Test
    void anUnknownEngineIsLeftToTheSidecarToReport() {
        assertEquals(venvPython, PythonChoice.choose(venvPython, "whisper.cpp", SIDECAR));
    }
}
