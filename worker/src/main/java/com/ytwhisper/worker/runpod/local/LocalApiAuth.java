package com.ytwhisper.worker.runpod.local;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Who may call the local API. Bound to a loopback address it serves every caller on the machine,
 * with any or no {@code Authorization}. Bound to any other address (other machines can reach it)
 * it wants {@code Authorization: Bearer <WORKER_LOCAL_API_KEY>}, and the worker does not start
 * without a key. The key is never logged or echoed; {@link #toString()} leaves it out.
 */
public final class LocalApiAuth {

    static final String KEY_ENV = "WORKER_LOCAL_API_KEY";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final String BEARER = "bearer ";

    private final String host;
    private final boolean loopback;
    private final byte[] expected;

    private LocalApiAuth(String host, Optional<String> key) {
        this.host = host;
        this.loopback = isLoopback(host);
        this.expected = key.filter(k -> !k.isBlank()).map(k -> k.getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    /** @param host the address the API binds ({@code quarkus.http.host}); @param key WORKER_LOCAL_API_KEY */
    public static LocalApiAuth of(String host, Optional<String> key) {
        return new LocalApiAuth(host, key);
    }

    /**
     * {@code localhost} and loopback IP literals ({@code 127.0.0.0/8}, {@code ::1}). Any other name
     * counts as reachable from outside: resolving it could say otherwise tomorrow.
     */
    static boolean isLoopback(String host) {
        String h = host.trim();
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (!IPV4.matcher(h).matches() && !h.contains(":")) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress(); // an IP literal: no name lookup happens
        } catch (UnknownHostException e) {
            return false;
        }
    }

    public boolean loopback() {
        return loopback;
    }

    /** Why the worker must not serve on this address, or empty when it may. */
    public Optional<String> startProblem() {
        if (loopback || expected != null) {
            return Optional.empty();
        }
        return Optional.of("--rp_api_host " + host + " lets other machines reach the local API, so it needs a key: "
                + "set " + KEY_ENV + " (callers then send 'Authorization: Bearer <key>'), "
                + "or keep the default --rp_api_host 127.0.0.1");
    }

    /** Whether a request with this {@code Authorization} header (may be null) may be served. */
    public boolean allows(String authorization) {
        if (loopback) {
            return true;
        }
        if (expected == null || authorization == null
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return false;
        }
        byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, expected);
    }

    /** The message a refused caller gets. */
    String refusal() {
        return "missing or wrong Authorization: this local API is bound to " + host
                + ", so send 'Authorization: Bearer <the key in " + KEY_ENV + ">'";
    }

    @Override
    public String toString() {
        return "LocalApiAuth[host=" + host + ", loopback=" + loopback + ", key " + (expected == null ? "unset" : "set")
                + "]";
    }

    /** The key as the process environment (or a -D system property) gives it, for the check before Quarkus starts. */
    public static Optional<String> keyFromEnvironment() {
        return Optional.ofNullable(System.getenv(KEY_ENV))
                .or(() -> Optional.ofNullable(System.getProperty("worker.local-api-key")));
    }
}
