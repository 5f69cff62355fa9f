package com.ytwhisper.worker.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * docker-compose.yml's paths, ports and wiring: the worker is built from files that exist, listens
 * on the port its image exposes and publishes, has an API key when it listens beyond loopback,
 * reaches the S3 service with that service's credentials; and ytw-local.env points {@code ytw}
 * on the host at the same ports, key, bucket and credentials.
 */
final class ComposeCheck {

    private final DeployFiles files;
    private final Map<String, JsonNode> services;
    private final List<String> problems = new ArrayList<>();

    ComposeCheck(DeployFiles files, Map<String, JsonNode> services) {
        this.files = files;
        this.services = services;
    }

    List<String> problems() {
        services.forEach((name, service) -> {
            if (service.has("build")) {
                checkBuiltService(name, service);
            }
        });
        services.values().stream().map(EnvNameCheck::environment).map(env -> env.get("S3_BUCKET")).filter(Objects::nonNull)
                .distinct().skip(1).findAny()
                .ifPresent(other -> problems.add(DeployFiles.COMPOSE + ": the services set different S3_BUCKET values"));
        return problems;
    }

    private void checkBuiltService(String name, JsonNode service) {
        String where = DeployFiles.COMPOSE + " services." + name;
        Path composeDir = files.root.resolve(DeployFiles.DOCKER_DIR);
        Path context = composeDir.resolve(service.path("build").path("context").asText(".")).normalize();
        Path dockerfile = context.resolve(service.path("build").path("dockerfile").asText("Dockerfile")).normalize();
        if (!Files.isDirectory(context) || !Files.isRegularFile(dockerfile)) {
            problems.add(where + ".build: " + files.root.relativize(dockerfile) + " does not exist");
            return;
        }
        Dockerfile image = files.dockerfiles.get(files.root.relativize(dockerfile).toString().replace('\\', '/'));
        List<String> exposed = image == null ? List.of() : image.finalStage().all("EXPOSE").stream()
                .flatMap(i -> List.of(i.args().trim().split("\\s+")).stream()).map(p -> p.replaceAll("/.*", "")).toList();

        List<String> command = new ArrayList<>();
        service.path("command").forEach(word -> command.add(word.asText()));
        String apiPort = flag(command, "--rp_api_port", "8000");
        String apiHost = flag(command, "--rp_api_host", "127.0.0.1");
        Map<String, String> env = EnvNameCheck.environment(service);
        if (!apiHost.equals("127.0.0.1") && !apiHost.equals("localhost") && !env.containsKey("WORKER_LOCAL_API_KEY")) {
            problems.add(where + ": the local API listens on " + apiHost + " but WORKER_LOCAL_API_KEY is not set");
        }
        String hostPort = null;
        for (JsonNode port : service.path("ports")) {
            String[] parts = port.asText().replaceAll("/.*", "").split(":");
            String container = parts[parts.length - 1];
            if (!container.equals(apiPort)) {
                problems.add(where + ".ports: " + port.asText() + " publishes " + container + " but the worker listens on " + apiPort);
            }
            if (!exposed.contains(container)) {
                problems.add(where + ".ports: " + port.asText() + " publishes " + container + ", which "
                        + files.root.relativize(dockerfile) + " does not EXPOSE " + exposed);
            }
            hostPort = parts.length >= 2 ? parts[parts.length - 2] : container;
        }
        checkHostSide(where, env, hostPort);
    }

    /** ytw-local.env must point at what the compose file publishes, with the same key, bucket and credentials. */
    private void checkHostSide(String where, Map<String, String> workerEnv, String workerHostPort) {
        String hostEnv = DeployFiles.HOST_ENV;
        expect(hostEnv, "RUNPOD_ENDPOINT_BASE_URL", "http://127.0.0.1:" + workerHostPort + "/v2");
        expect(hostEnv, "RUNPOD_API_KEY", workerEnv.get("WORKER_LOCAL_API_KEY"));
        for (String same : List.of("S3_BUCKET", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_REGION")) {
            expect(hostEnv, same, workerEnv.get(same));
        }
        String s3 = workerEnv.get("S3_ENDPOINT_URL");
        if (s3 == null) {
            return;
        }
        URI uri = URI.create(s3);
        JsonNode s3Service = services.get(uri.getHost());
        if (s3Service == null) {
            problems.add(where + ": S3_ENDPOINT_URL " + s3 + " names no service of the compose file");
            return;
        }
        String published = null;
        for (JsonNode port : s3Service.path("ports")) {
            String[] parts = port.asText().replaceAll("/.*", "").split(":");
            if (parts[parts.length - 1].equals(Integer.toString(uri.getPort()))) {
                published = parts.length >= 2 ? parts[parts.length - 2] : parts[0];
            }
        }
        expect(hostEnv, "S3_ENDPOINT_URL", "http://127.0.0.1:" + published);
        Map<String, String> s3Env = EnvNameCheck.environment(s3Service);
        if (s3Env.containsKey("MINIO_ROOT_USER")
                && (!Objects.equals(s3Env.get("MINIO_ROOT_USER"), workerEnv.get("AWS_ACCESS_KEY_ID"))
                || !Objects.equals(s3Env.get("MINIO_ROOT_PASSWORD"), workerEnv.get("AWS_SECRET_ACCESS_KEY")))) {
            problems.add(where + ": AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY differ from services." + uri.getHost()
                    + "'s MINIO_ROOT_USER/MINIO_ROOT_PASSWORD");
        }
    }

    private void expect(String file, String name, String expected) {
        Dockerfile.Located actual = files.hostEnv.get(name);
        if (expected != null && (actual == null || !actual.value().equals(expected))) {
            problems.add(file + (actual == null ? "" : ":" + actual.line()) + " " + name + " should be " + expected
                    + " to match " + DeployFiles.COMPOSE + (actual == null ? " (it is missing)" : " (it is " + actual.value() + ")"));
        }
    }

    private static String flag(List<String> command, String name, String fallback) {
        for (int i = 0; i < command.size(); i++) {
            if (command.get(i).equals(name) && i + 1 < command.size()) {
                return command.get(i + 1);
            }
            if (command.get(i).startsWith(name + "=")) {
                return command.get(i).substring(name.length() + 1);
            }
        }
        return fallback;
    }
}
