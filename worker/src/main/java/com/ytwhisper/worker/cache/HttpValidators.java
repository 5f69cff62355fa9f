package com.ytwhisper.worker.cache;

import com.ytwhisper.worker.egress.EgressGuard;
import com.ytwhisper.worker.egress.UrlPolicy;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ProxySelector;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The identity of a direct media URL ({@code audio_url}): the URL without its query string (a
 * presigned URL changes its query on every signing, never its object) plus the validators the
 * server sends, ETag, Last-Modified and the full length. Asked with a one-byte ranged GET (a HEAD
 * would fail a presigned GET URL's signature), through the job's own egress guard, so the same
 * addresses are refused as for the download. Without ETag or Last-Modified the media cannot be
 * told apart from a changed file at the same URL, so it is not cached.
 */
final class HttpValidators {

    private static final Logger LOG = Logger.getLogger(HttpValidators.class);

    private final UrlPolicy policy;
    private final EgressGuard.Settings guardSettings;

    HttpValidators(UrlPolicy policy, EgressGuard.Settings guardSettings) {
        this.policy = policy;
        this.guardSettings = guardSettings;
    }

    /**
     * @return the identity, or empty when the server gives no validators or cannot be asked (the
     *         download then reports any real failure)
     * @throws com.ytwhisper.worker.egress.UrlRefusedException when the policy refuses the URL
     */
    Optional<MediaIdentity> identify(String field, String url) throws InterruptedException {
        policy.checkHttpUrl(field, url);
        URI uri = URI.create(url.strip());
        // a ranged GET reads at most a few bytes; the limit only guards against a server ignoring the range
        try (EgressGuard guard = EgressGuard.start(policy, guardSettings, 1 << 20, () -> { })) {
            URI proxy = URI.create(guard.proxyUrl());
            HttpClient client = HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .proxy(ProxySelector.of(new InetSocketAddress(proxy.getHost(), proxy.getPort())))
                    .followRedirects(HttpClient.Redirect.NORMAL)
                    .connectTimeout(guardSettings.connectTimeout())
                    .build();
            HttpRequest request = HttpRequest.newBuilder(uri).timeout(guardSettings.idleTimeout())
                    .header("Range", "bytes=0-0").GET().build();
            HttpResponse<InputStream> response = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            response.body().close(); // never the media itself
            int status = response.statusCode();
            if (status != 200 && status != 206) {
                LOG.infof("%s answered HTTP %d to the cache's validator request; not cached", field, status);
                return Optional.empty();
            }
            String etag = response.headers().firstValue("ETag").orElse(null);
            String lastModified = response.headers().firstValue("Last-Modified").orElse(null);
            if (etag == null && lastModified == null) {
                LOG.infof("%s has neither ETag nor Last-Modified, so a changed file could not be told apart; not cached",
                        field);
                return Optional.empty();
            }
            String length = status == 206
                    ? response.headers().firstValue("Content-Range").map(HttpValidators::totalOf).orElse(null)
                    : response.headers().firstValue("Content-Length").orElse(null);
            return Optional.of(new MediaIdentity("url " + withoutQuery(uri) + "\netag " + etag
                    + "\nlast-modified " + lastModified + "\nlength " + length));
        } catch (IOException | IllegalArgumentException e) {
            LOG.infof("%s could not be identified for the cache (%s); not cached", field, e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** {@code bytes 0-0/12345} → {@code 12345}. */
    private static String totalOf(String contentRange) {
        int slash = contentRange.lastIndexOf('/');
        return slash < 0 ? null : contentRange.substring(slash + 1).strip();
    }

    /** Scheme, host, port and path; no user info, query or fragment. */
    static String withoutQuery(URI uri) {
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        return uri.getScheme().toLowerCase(Locale.ROOT) + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                + (uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath());
    }
}
