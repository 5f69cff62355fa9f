package com.ytwhisper.worker.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/**
 * What both images must do beyond naming the right things: an init as PID 1 that reaps zombies,
 * a baked model that is complete, and TLS in the native build.
 */
class ImageRulesTest {

    private static final DeployFiles FILES = new DeployFiles(DeployFiles.findRoot());
    /** Inits that reap orphaned children and forward signals, as Docker's own --init (tini) does. */
    private static final List<String> REAPING_INITS = List.of("/usr/bin/tini", "/sbin/tini", "/usr/bin/dumb-init");

    @Test
    void pidOneIsAnInitThatReapsZombiesAndRunsTheEntrypoint() {
        FILES.dockerfiles.forEach((path, dockerfile) -> {
            List<Dockerfile.Instruction> entrypoints = dockerfile.finalStage().all("ENTRYPOINT");
            assertEquals(1, entrypoints.size(), path);
            List<String> words = Dockerfile.execForm(entrypoints.get(0).args());
            assertTrue(REAPING_INITS.contains(words.get(0)),
                    path + ": PID 1 is " + words.get(0) + ", which does not reap zombies; start with tini");
            int script = words.indexOf("/app/entrypoint.sh");
            assertTrue(script > 0 && words.subList(1, script).stream().allMatch(w -> w.startsWith("-")),
                    path + ": the init must run /app/entrypoint.sh: " + words);
        });
    }

    @Test
    void theBakedModelIsCheckedForEveryFileFasterWhisperReads() {
        FILES.dockerfiles.forEach((path, dockerfile) -> {
            String model = String.join("\n", dockerfile.stage("model").all("RUN").stream()
                    .map(Dockerfile.Instruction::args).toList());
            for (String file : List.of("model.bin", "config.json", "tokenizer.json", "preprocessor_config.json")) {
                assertTrue(model.contains(file) && model.contains("test -f"), path + ": the model stage does not check " + file);
            }
        });
        for (String file : List.of("model.bin", "config.json", "tokenizer.json", "preprocessor_config.json")) {
            assertTrue(FILES.entrypoint.contains(file), "entrypoint.sh does not check " + file);
        }
    }

    @Test
    void theNativeBuildKeepsTlsExplicitly() throws Exception {
        Properties properties = new Properties();
        try (var in = java.nio.file.Files.newBufferedReader(
                FILES.root.resolve("worker/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        assertEquals("true", properties.getProperty("quarkus.ssl.native"));
    }
}
