package com.ytwhisper.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One way of starting a worker: the built fast-jar under some JVM flags, or the Python baseline.
 *
 * @param name    how the table labels it
 * @param jvm     true for the product's jar (it has a sidecar and can run real jobs)
 * @param command the full command line
 * @param env     settings on top of the rig's worker environment
 */
record Launcher(String name, boolean jvm, List<String> command, Map<String, String> env) {

    Launcher(String name, boolean jvm, List<String> command) {
        this(name, jvm, command, Map.of());
    }

    /** The same launch with {@code extra} settings, under another name. */
    Launcher with(String newName, Map<String, String> extra) {
        return new Launcher(newName, jvm, command, Map.copyOf(extra));
    }

    static Launcher jar(Rig rig, String name, List<String> flags) {
        List<String> command = new ArrayList<>();
        command.add(rig.java);
        command.addAll(flags);
        command.add("-jar");
        command.add(rig.workerJar().toString());
        return new Launcher(name, true, List.copyOf(command));
    }

    static Launcher pythonBaseline(Rig rig, String name, String... args) {
        List<String> command = new ArrayList<>(List.of(rig.sidecarPython,
                rig.benchDir().resolve("baseline_worker.py").toString()));
        command.addAll(List.of(args));
        return new Launcher(name, false, List.copyOf(command));
    }
}
