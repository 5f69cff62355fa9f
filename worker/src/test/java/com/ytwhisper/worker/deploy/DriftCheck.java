package com.ytwhisper.worker.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** All drift checks over one repository: environment names, image paths and ports, compose wiring. */
final class DriftCheck {

    private DriftCheck() {
    }

    /** Every problem found, each naming the drifting name, path or port and where it was found. */
    static List<String> problems(Path root) {
        DeployFiles files = new DeployFiles(root);
        CodeNames code = CodeNames.scan(root);
        EnvNameCheck names = new EnvNameCheck(files, code);
        List<String> problems = new ArrayList<>(names.problems());
        problems.addAll(new ImageCheck(files, code).problems());
        problems.addAll(new ComposeCheck(files, names.services()).problems());
        return problems;
    }
}
