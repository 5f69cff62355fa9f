package com.ytwhisper.worker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every environment name the deployment files use must be one the code reads (or another program's,
 * listed below), and the names our program reads must be in README.md. DEPLOYMENT.md's variable
 * tables must name only variables that exist (they need not all be in README.md).
 */
final class EnvNameCheck {

    /** Names read by other programs, not by ours, with the reader. Add to it only with that reason. */
    static final Map<String, String> THIRD_PARTY = Map.of(
            "HF_HUB_OFFLINE", "huggingface_hub inside faster-whisper: never reach the Hub at run time",
            "NVIDIA_VISIBLE_DEVICES", "NVIDIA container toolkit: the GPUs a container sees",
            "NVIDIA_DRIVER_CAPABILITIES", "NVIDIA container toolkit: the driver parts mounted into a container",
            "RUNPOD_INIT_TIMEOUT", "Runpod platform: how long a cold start may take before the worker counts as unhealthy",
            "MINIO_ROOT_USER", "MinIO server in docker-compose.yml: its admin user",
            "MINIO_ROOT_PASSWORD", "MinIO server in docker-compose.yml: its admin password",
            "PATH", "the shell",
            "LD_LIBRARY_PATH", "the dynamic loader");

    /** Names only entrypoint.sh reads (the check confirms it does). */
    static final Set<String> ENTRYPOINT_ONLY = Set.of("WORKER_SKIP_PREFLIGHT", "WORKER_SELFCHECK");

    private static final Pattern SHELL_REF = Pattern.compile("\\$\\{?([A-Z][A-Z0-9_]*)");
    /** Compose interpolation: a single '$' ("$$" escapes it for the container's shell). */
    private static final Pattern COMPOSE_INTERPOLATION = Pattern.compile("(?<!\\$)\\$\\{?([A-Za-z_]\\w*)");
    private static final Pattern COMPOSE_ESCAPED = Pattern.compile("\\$\\$\\{?([A-Za-z_]\\w*)");
    private static final Pattern TABLE_NAME = Pattern.compile("`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)`");

    /** One place a name is used; {@code readme}: whether README.md must list it. */
    private record Use(String name, String where, boolean readme) {
    }

    private final DeployFiles files;
    private final CodeNames code;
    private final List<Use> uses = new ArrayList<>();
    private final Set<String> entrypointReads = new HashSet<>();

    EnvNameCheck(DeployFiles files, CodeNames code) {
        this.files = files;
        this.code = code;
    }

    List<String> problems() {
        collectDockerfiles();
        collectCompose();
        collectEntrypoint();
        files.hostEnv.forEach((name, at) -> uses.add(new Use(name, DeployFiles.HOST_ENV + ":" + at.line(), true)));
        collectDeploymentTables();

        Map<String, List<String>> complaints = new TreeMap<>();
        Map<String, List<String>> places = new LinkedHashMap<>();
        for (Use use : uses) {
            places.computeIfAbsent(use.name(), n -> new ArrayList<>()).add(use.where());
            if (THIRD_PARTY.containsKey(use.name())) {
                continue;
            }
            boolean read = code.reads(use.name())
                    || ENTRYPOINT_ONLY.contains(use.name()) && entrypointReads.contains(use.name());
            if (!read) {
                add(complaints, use.name(), "not read by the code (not written in " + String.join(", ", CodeNames.CODE_DIRS)
                        + ", not derived from a @ConfigMapping, not in the third-party list)");
            }
            if (use.readme() && !mentions(files.readme, use.name())) {
                add(complaints, use.name(), "missing from " + DeployFiles.README);
            }
        }
        List<String> problems = new ArrayList<>();
        complaints.forEach((name, what) -> problems.add(name + ": " + String.join("; ", what)
                + " (used at " + String.join(", ", new LinkedHashSet<>(places.get(name))) + ")"));
        for (String name : ENTRYPOINT_ONLY) {
            if (!entrypointReads.contains(name)) {
                problems.add(name + ": listed as read by " + DeployFiles.ENTRYPOINT + ", which does not read it");
            }
        }
        problems.addAll(undefinedContainerShellNames());
        return problems;
    }

    private void collectDockerfiles() {
        files.dockerfiles.forEach((path, dockerfile) -> dockerfile.stages.forEach(stage ->
                dockerfile.env(stage).forEach((name, at) ->
                        uses.add(new Use(name, path + ":" + at.line() + " ENV", true)))));
    }

    private void collectCompose() {
        services().forEach((service, node) -> environment(node).keySet().forEach(name ->
                uses.add(new Use(name, DeployFiles.COMPOSE + " services." + service + ".environment", true))));
        for (String name : matches(COMPOSE_INTERPOLATION, SourceText.withoutHashComments(files.composeText))) {
            uses.add(new Use(name, DeployFiles.COMPOSE + " ${" + name + "}", true));
        }
    }

    private void collectEntrypoint() {
        String[] lines = files.entrypoint.split("\n");
        for (int n = 0; n < lines.length; n++) {
            if (lines[n].stripLeading().startsWith("#")) {
                continue;
            }
            for (String name : matches(SHELL_REF, lines[n])) {
                entrypointReads.add(name);
                uses.add(new Use(name, DeployFiles.ENTRYPOINT + ":" + (n + 1), true));
            }
        }
    }

    /** Rows of DEPLOYMENT.md tables whose first header cell is "variable": the names in their first cell. */
    private void collectDeploymentTables() {
        String[] lines = files.deployment.split("\n");
        boolean inVariableTable = false;
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (!line.startsWith("|")) {
                inVariableTable = false;
                continue;
            }
            String first = line.substring(1).split("\\|", 2)[0].strip();
            if (!inVariableTable && first.equalsIgnoreCase("variable")) {
                inVariableTable = true;
            } else if (inVariableTable) {
                for (String name : matches(TABLE_NAME, first)) {
                    uses.add(new Use(name, DeployFiles.DEPLOYMENT + ":" + (n + 1), false));
                }
            }
        }
    }

    /** "$$NAME" in a service's command or entrypoint is the container's shell reading its own environment. */
    private List<String> undefinedContainerShellNames() {
        List<String> problems = new ArrayList<>();
        services().forEach((service, node) -> {
            String script = node.path("command").toString() + node.path("entrypoint").toString();
            for (String name : matches(COMPOSE_ESCAPED, script)) {
                if (!environment(node).containsKey(name)) {
                    problems.add(DeployFiles.COMPOSE + " services." + service + " uses $$" + name
                            + " but does not set it in its environment");
                }
            }
        });
        return problems;
    }

    Map<String, JsonNode> services() {
        Map<String, JsonNode> services = new LinkedHashMap<>();
        files.compose.path("services").fields().forEachRemaining(e -> services.put(e.getKey(), e.getValue()));
        return services;
    }

    /** A service's environment, from either compose form (map, or list of NAME=value). */
    static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else if (node.isArray()) {
            node.forEach(item -> {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length == 2 ? kv[1] : "");
            });
        }
        return env;
    }

    static boolean mentions(String text, String name) {
        return Pattern.compile("(?<![A-Za-z0-9_])" + Pattern.quote(name) + "(?![A-Za-z0-9_])").matcher(text).find();
    }

    private static void add(Map<String, List<String>> complaints, String name, String what) {
        List<String> list = complaints.computeIfAbsent(name, n -> new ArrayList<>());
        if (!list.contains(what)) {
            list.add(what);
        }
    }

    private static List<String> matches(Pattern pattern, String text) {
        List<String> out = new ArrayList<>();
        Matcher m = pattern.matcher(text);
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }
}
