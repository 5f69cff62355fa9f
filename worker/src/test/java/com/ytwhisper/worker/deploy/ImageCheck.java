package com.ytwhisper.worker.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Dockerfiles' paths and ports: what they copy from the repository exists, every absolute
 * path the final image's ENV, ENTRYPOINT and CMD name is put there by the final stage, every
 * exposed port is one the worker's code uses, and the two images agree on versions and settings.
 */
final class ImageCheck {

    private static final Pattern ABSOLUTE_PATH = Pattern.compile("(?<![\\w.$}-])/[A-Za-z0-9._/-]+");

    private final DeployFiles files;
    private final CodeNames code;
    private final List<String> problems = new ArrayList<>();

    ImageCheck(DeployFiles files, CodeNames code) {
        this.files = files;
        this.code = code;
    }

    List<String> problems() {
        files.dockerfiles.forEach((path, dockerfile) -> {
            checkCopiedSources(path, dockerfile);
            checkFinalStagePaths(path, dockerfile);
            for (Dockerfile.Instruction expose : dockerfile.finalStage().all("EXPOSE")) {
                for (String port : expose.args().trim().split("\\s+")) {
                    int number = Integer.parseInt(port.replaceAll("/.*", ""));
                    if (!code.mentionsPort(number)) {
                        problems.add(path + ":" + expose.line() + " EXPOSE " + port + ": the worker's code has no port " + number);
                    }
                }
            }
        });
        checkImagesAgree();
        return problems;
    }

    /** Build-context sources exist; sources taken from a stage that copied the context exist in the repository too. */
    private void checkCopiedSources(String path, Dockerfile dockerfile) {
        for (Dockerfile.Stage stage : dockerfile.stages) {
            for (Dockerfile.Copy copy : dockerfile.copies(stage)) {
                if (copy.from() == null) {
                    copy.sources().forEach(source -> requireInRepo(path, copy.line(), "COPY " + source, source));
                    continue;
                }
                Dockerfile.Stage from = dockerfile.stage(copy.from());
                String contextRoot = from == null ? null : contextRoot(dockerfile, from);
                for (String source : copy.sources()) {
                    if (contextRoot != null && source.startsWith(contextRoot + "/")) {
                        String relative = source.substring(contextRoot.length() + 1);
                        String first = relative.split("/")[0];
                        if (Files.exists(files.root.resolve(first))) { // a repository path, not a build product
                            String checked = relative.contains("/target/") ? relative.substring(0, relative.indexOf("/target/")) : relative;
                            requireInRepo(path, copy.line(), "COPY --from=" + copy.from() + " " + source, checked);
                        }
                    }
                }
            }
        }
    }

    private void requireInRepo(String path, int line, String what, String relative) {
        String existing = relative.contains("*") ? relative.substring(0, Math.max(0, relative.lastIndexOf('/'))) : relative;
        if (!Files.exists(files.root.resolve(existing.isEmpty() ? "." : existing))) {
            problems.add(path + ":" + line + " " + what + ": " + existing + " is not in the repository");
        }
    }

    /** Where a stage put the build context ({@code COPY . <dest>}), or null. */
    private static String contextRoot(Dockerfile dockerfile, Dockerfile.Stage stage) {
        String workdir = "/";
        for (Dockerfile.Instruction i : stage.instructions()) {
            if (i.keyword().equals("WORKDIR")) {
                workdir = Path.of(workdir).resolve(dockerfile.expand(i.args().trim())).normalize().toString();
            }
            if (i.keyword().equals("COPY")) {
                List<String> words = Dockerfile.words(i.args()).stream().filter(w -> !w.startsWith("--")).toList();
                if (words.size() == 2 && words.get(0).equals(".")) {
                    return Path.of(workdir).resolve(words.get(1)).normalize().toString();
                }
            }
        }
        return null;
    }

    private void checkFinalStagePaths(String path, Dockerfile dockerfile) {
        Dockerfile.Stage last = dockerfile.finalStage();
        List<String> provided = new ArrayList<>();
        String workdir = "/";
        for (Dockerfile.Instruction i : last.instructions()) {
            switch (i.keyword()) {
                case "WORKDIR" -> {
                    workdir = Path.of(workdir).resolve(dockerfile.expand(i.args().trim())).normalize().toString();
                    provided.add(workdir);
                }
                case "RUN" -> provided.addAll(absolutePaths(dockerfile.expand(i.args())));
                default -> {
                }
            }
        }
        for (Dockerfile.Copy copy : dockerfile.copies(last)) {
            provided.add(copy.destination());
        }
        for (Map.Entry<String, Dockerfile.Located> env : dockerfile.env(last).entrySet()) {
            if (env.getValue().value().contains("://")) {
                continue; // a URL, not a path
            }
            for (String part : env.getValue().value().split(":")) {
                if (part.startsWith("/")) {
                    requireProvided(path, env.getValue().line(), "ENV " + env.getKey(), part, provided);
                }
            }
        }
        for (String keyword : List.of("ENTRYPOINT", "CMD")) {
            for (Dockerfile.Instruction i : last.all(keyword)) {
                for (String word : Dockerfile.execForm(i.args())) {
                    String value = word.contains("=") ? word.substring(word.indexOf('=') + 1) : word;
                    if (value.startsWith("/")) {
                        requireProvided(path, i.line(), keyword, value, provided);
                    }
                }
            }
        }
    }

    private void requireProvided(String path, int line, String what, String used, List<String> provided) {
        boolean there = provided.stream().anyMatch(p -> used.equals(p) || used.startsWith(p + "/") || p.startsWith(used + "/"));
        if (!there) {
            problems.add(path + ":" + line + " " + what + " uses " + used + ", which no COPY, WORKDIR or RUN of the final stage puts there");
        }
    }

    /** The two images are one image built two ways: same pinned versions, same final settings. */
    private void checkImagesAgree() {
        Dockerfile nativeImage = files.dockerfiles.get(DeployFiles.NATIVE);
        Dockerfile jvmImage = files.dockerfiles.get(DeployFiles.JVM);
        nativeImage.argDefaults.forEach((arg, value) -> {
            String other = jvmImage.argDefaults.get(arg);
            if (other != null && !other.equals(value)) {
                problems.add("ARG " + arg + " differs: " + value + " in " + DeployFiles.NATIVE + ", " + other + " in " + DeployFiles.JVM);
            }
        });
        Map<String, Dockerfile.Located> nativeEnv = nativeImage.env(nativeImage.finalStage());
        Map<String, Dockerfile.Located> jvmEnv = jvmImage.env(jvmImage.finalStage());
        Set<String> names = new TreeSet<>(nativeEnv.keySet());
        names.addAll(jvmEnv.keySet());
        for (String name : names) {
            String a = nativeEnv.containsKey(name) ? nativeEnv.get(name).value() : null;
            String b = jvmEnv.containsKey(name) ? jvmEnv.get(name).value() : null;
            if (!Objects.equals(a, b)) {
                problems.add("final ENV " + name + " differs: " + a + " in " + DeployFiles.NATIVE + ", " + b + " in " + DeployFiles.JVM);
            }
        }
    }

    private static List<String> absolutePaths(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = ABSOLUTE_PATH.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }
}
