package com.ytwhisper.worker.deploy;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The images, docker-compose.yml, entrypoint.sh, ytw-local.env and DEPLOYMENT.md agree with the
 * code and README.md: every environment variable, path and port they use exists (DriftCheck).
 */
class DeploymentDriftTest {

    @Test
    void deploymentFilesAgreeWithTheCodeAndTheReadme() {
        List<String> problems = DriftCheck.problems(DeployFiles.findRoot());
        assertTrue(problems.isEmpty(), "the deployment files drift from the code (" + problems.size() + "):\n  - "
                + String.join("\n  - ", problems));
    }
}
