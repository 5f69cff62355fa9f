package com.ytwhisper.client.runpod;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where calls go and how they authenticate: base URL, endpoint id and API key, resolved from the
 * environment first and from files in the config folder second. {@link #toString()} hides the key.
 */
public record RunpodTarget(URI baseUrl, String endpointId, String apiKey) {

    static final String KEY_FILE = "runpod_api_key";
    static final String ENDPOINT_FILE = "runpod_endpoint_id.txt";
    private static final Pattern ENDPOINT_ID = Pattern.compile("[A-Za-z0-9_-]{1,128}");

    /** Resolves the target or throws a {@link ConfigProblem} naming what to set. */
    public static RunpodTarget resolve(RunpodConfig config, Path configDir) {
        URI base = baseUrl(config.endpointBaseUrl());
        String endpoint = nonBlank(config.endpointId())
                .or(() -> readFile(configDir.resolve(ENDPOINT_FILE), false))
                .orElseThrow(() -> new ConfigProblem("No Runpod endpoint id: set RUNPOD_ENDPOINT_ID or write the id to "
                        + configDir.resolve(ENDPOINT_FILE)));
        if (!ENDPOINT_ID.matcher(endpoint).matches()) {
            throw new ConfigProblem("The Runpod endpoint id '" + endpoint
                    + "' is not valid: use the id shown in the Runpod console (letters, digits, - and _)");
        }
        Optional<String> key = nonBlank(config.apiKey()).or(() -> readFile(configDir.resolve(KEY_FILE), true));
        if (key.isEmpty() && !isLoopback(base)) {
            throw new ConfigProblem("No Runpod API key: set RUNPOD_API_KEY or write the key to "
                    + configDir.resolve(KEY_FILE) + " (then chmod 600 it)");
        }
        return new RunpodTarget(base, endpoint, key.orElse(null));
    }

    /** The Authorization header value, or null when no key is set (loopback only). */
    public String authorization() {
        return apiKey == null ? null : "Bearer " + apiKey;
    }

    @Override
    public String toString() {
        return "RunpodTarget[" + baseUrl + "/" + endpointId + (apiKey == null ? ", no key]" : ", key set]");
    }

    static URI baseUrl(String value) {
        try {
            URI uri = URI.create(value.trim().replaceAll("/+$", ""));
            if (uri.getHost() == null || !("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))) {
                throw new IllegalArgumentException("not an http(s) URL");
            }
            return uri;
        } catch (IllegalArgumentException e) {
            throw new ConfigProblem("RUNPOD_ENDPOINT_BASE_URL '" + value
                    + "' is not an http(s) URL: use e.g. https://api.runpod.ai/v2 or http://127.0.0.1:8000/v2");
        }
    }

    static boolean isLoopback(URI uri) {
        String host = uri.getHost();
        if ("localhost".equalsIgnoreCase(host)) {
            return true;
        }
        try {
            // only literal addresses: a name is never resolved here
            return host.matches("[0-9.]+|\\[[0-9a-fA-F:.]+\\]") && InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static Optional<String> nonBlank(Optional<String> value) {
        return value.map(String::trim).filter(v -> !v.isEmpty());
    }

    private static Optional<String> readFile(Path file, boolean secret) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        if (secret) {
            refuseIfOthersCanRead(file);
        }
        try {
            return nonBlank(Optional.of(Files.readString(file)));
        } catch (IOException e) {
            throw new ConfigProblem("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private static void refuseIfOthersCanRead(Path file) {
        Set<PosixFilePermission> perms;
        try {
            perms = Files.getPosixFilePermissions(file);
        } catch (UnsupportedOperationException | IOException e) {
            return; // no POSIX permissions on this file system: nothing to check
        }
        if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
            throw new ConfigProblem(file + " can be read by other users; the key is not used. Run: chmod 600 " + file);
        }
    }
}
