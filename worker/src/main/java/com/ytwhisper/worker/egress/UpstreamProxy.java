package com.ytwhisper.worker.egress;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * The HTTP proxy the egress guard forwards through ({@code YTDLP_PROXY}), e.g. a residential proxy
 * that gets past YouTube's bot checks: {@code http://user:password@host:port}.
 *
 * @param authorization the {@code Proxy-Authorization} header value, when the URL carries credentials
 */
public record UpstreamProxy(String host, int port, Optional<String> authorization) {

    static final String SETTING = "YTDLP_PROXY";

    /** @throws IllegalArgumentException naming the setting, never echoing it (it may hold a password) */
    public static Optional<UpstreamProxy> parse(String setting) {
        if (setting == null || setting.isBlank()) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(setting.strip());
        } catch (URISyntaxException e) {
            throw invalid("it is not a URL");
        }
        if (!"http".equalsIgnoreCase(uri.getScheme())) {
            throw invalid("only http:// proxies are supported");
        }
        if (uri.getHost() == null) {
            throw invalid("it has no host");
        }
        Optional<String> auth = Optional.ofNullable(uri.getUserInfo())
                .map(info -> "Basic " + Base64.getEncoder().encodeToString(info.getBytes(StandardCharsets.UTF_8)));
        return Optional.of(new UpstreamProxy(uri.getHost(), uri.getPort() < 0 ? 80 : uri.getPort(), auth));
    }

    private static IllegalArgumentException invalid(String why) {
        return new IllegalArgumentException(SETTING + " is not valid (" + why
                + "); set it to http://host:port or http://user:password@host:port");
    }

    /** Never prints the credentials. */
    @Override
    public String toString() {
        return "http://" + HostAndPort.format(host, port);
    }
}
