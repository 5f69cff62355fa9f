package com.ytwhisper.worker.runpod.local;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which {@code Host} and {@code Origin} headers the local API answers, against web pages the user
 * visits: a page cannot set {@code Host}, so a name it controls (DNS rebinding) shows up there, and
 * a browser names the page in {@code Origin}. Allowed is the bound address or a loopback name
 * ({@code localhost}, 127.0.0.0/8, {@code [::1]}), with the port the request came in on. Bound to a
 * wildcard address ({@code 0.0.0.0}, {@code ::}) callers need the key, which no web page has, so
 * any {@code Host} naming the port is answered there; a foreign {@code Origin} is still refused.
 */
final class CallerOrigin {

    private final String boundHost;
    private final boolean wildcard;

    /** @param boundHost the address the API binds ({@code quarkus.http.host}), IPv6 with or without brackets */
    CallerOrigin(String boundHost) {
        this.boundHost = bare(boundHost);
        this.wildcard = this.boundHost.equals("0.0.0.0") || this.boundHost.equals("::")
                || this.boundHost.equals("0:0:0:0:0:0:0:0");
    }

    /** Why a request with this {@code Host} header (null when absent) on {@code port} is refused, or empty. */
    Optional<Refusal> checkHost(String host, int port) {
        if (host == null || host.isBlank()) {
            return Optional.of(new Refusal(400, "the request has no Host header: send Host: 127.0.0.1:" + port
                    + " (HTTP/1.1 clients do so by themselves)"));
        }
        Optional<Authority> parsed = Authority.parse(host, 80);
        if (parsed.isEmpty() || parsed.get().port() != port || !(wildcard || allowedName(parsed.get().host()))) {
            return Optional.of(new Refusal(403, "Host " + quoted(host) + " is not this API's address: send "
                    + "Host: " + example(port) + "; web pages and other names are refused (DNS rebinding)"));
        }
        return Optional.empty();
    }

    /** Why a request with this {@code Origin} header (null when absent) on {@code port} is refused, or empty. */
    Optional<Refusal> checkOrigin(String origin, int port) {
        if (origin == null) {
            return Optional.empty();
        }
        Optional<Authority> parsed = Optional.empty();
        try {
            URI uri = new URI(origin.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getRawAuthority() != null) {
                parsed = Authority.parse(uri.getRawAuthority(), scheme.equals("https") ? 443 : 80);
            }
        } catch (URISyntaxException e) {
            // refused below
        }
        if (parsed.isEmpty() || parsed.get().port() != port || !allowedName(parsed.get().host())) {
            return Optional.of(new Refusal(403, "Origin " + quoted(origin) + " is refused: the local API answers "
                    + "no web pages (cross-site requests); call it from a program, which sends no Origin"));
        }
        return Optional.empty();
    }

    private boolean allowedName(String host) {
        String name = bare(host);
        return LocalApiAuth.isLoopback(name) || name.equals(boundHost);
    }

    private String example(int port) {
        String host = wildcard || LocalApiAuth.isLoopback(boundHost) ? "127.0.0.1" : boundHost;
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }

    private static String bare(String host) {
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    private static String quoted(String header) {
        return "'" + printable(header, 100) + "'";
    }

    /** A caller-supplied text as it may appear in an answer: cut to {@code max} characters, printable ASCII only. */
    static String printable(String text, int max) {
        String t = text.length() > max ? text.substring(0, max) + "..." : text;
        return t.replaceAll("[^\\x20-\\x7e]", "?");
    }

    /** The answer to a refused request. */
    record Refusal(int status, String message) {
    }

    /** A {@code host[:port]} authority; IPv6 in brackets. */
    record Authority(String host, int port) {

        static Optional<Authority> parse(String text, int defaultPort) {
            String t = text.strip();
            String host;
            String port = null;
            if (t.startsWith("[")) {
                int close = t.indexOf(']');
                if (close < 0) {
                    return Optional.empty();
                }
                host = t.substring(0, close + 1);
                String rest = t.substring(close + 1);
                if (!rest.isEmpty()) {
                    if (!rest.startsWith(":")) {
                        return Optional.empty();
                    }
                    port = rest.substring(1);
                }
            } else {
                int colon = t.indexOf(':');
                if (colon != t.lastIndexOf(':')) {
                    return Optional.empty();
                }
                host = colon < 0 ? t : t.substring(0, colon);
                port = colon < 0 ? null : t.substring(colon + 1);
            }
            if (host.isEmpty() || host.contains("@") || host.contains("/")) {
                return Optional.empty();
            }
            if (port == null) {
                return Optional.of(new Authority(host, defaultPort));
            }
            if (!port.matches("\\d{1,5}")) {
                return Optional.empty();
            }
            return Optional.of(new Authority(host, Integer.parseInt(port)));
        }
    }
}
