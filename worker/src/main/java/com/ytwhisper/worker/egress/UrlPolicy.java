package com.ytwhisper.worker.egress;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule for every address a job supplies: http or https only, and no destination in the
 * worker's own networks (loopback, private, link-local, metadata, multicast...) whatever the
 * spelling. The URL check gives an early, clear error; {@link EgressGuard} applies
 * {@link #checkDestination} again to every connection yt-dlp makes, redirects included.
 */
public final class UrlPolicy {

    /** Longer URLs are refused before any parsing. */
    public static final int MAX_URL_LENGTH = 8192;

    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

    /** Turns a host name into addresses; the system resolver outside tests. */
    @FunctionalInterface
    public interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final PrivateAllowance allowance;
    private final HostAllowlist allowlist;
    private final Resolver resolver;

    UrlPolicy(PrivateAllowance allowance, HostAllowlist allowlist, Resolver resolver) {
        this.allowance = allowance;
        this.allowlist = allowlist;
        this.resolver = resolver;
    }

    /**
     * @param allowPrivate {@code WORKER_ALLOW_PRIVATE_URLS}: empty, {@code true}, or host:port / CIDR entries
     * @param allowlist    {@code WORKER_URL_ALLOWLIST}: empty, or hosts and {@code *.suffix} patterns
     * @throws IllegalArgumentException naming the setting when either is malformed
     */
    public static UrlPolicy of(String allowPrivate, String allowlist) {
        return of(allowPrivate, allowlist, InetAddress::getAllByName);
    }

    public static UrlPolicy of(String allowPrivate, String allowlist, Resolver resolver) {
        return new UrlPolicy(PrivateAllowance.parse(allowPrivate), HostAllowlist.parse(allowlist), resolver);
    }

    /** A policy that refuses every non-public destination and allows every public one. */
    public static UrlPolicy strict() {
        return of("", "");
    }

    /** Checks a URL a job wants fetched ({@code youtube_url}, an http {@code audio_url}). */
    public URI checkHttpUrl(String field, String url) {
        URI uri = parse(field, url);
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UrlRefusedException(field, field + " must be an http or https URL, not " + scheme
                    + ":; give the web address of the video or media file");
        }
        check(field, uri);
        return uri;
    }

    /** Like {@link #checkHttpUrl} but also accepts {@code s3://bucket/key} (read with the job's S3 settings). */
    public URI checkAudioUrl(String field, String url) {
        URI uri = parse(field, url);
        if (!"s3".equalsIgnoreCase(uri.getScheme())) {
            return checkHttpUrl(field, url);
        }
        String bucket = uri.getHost();
        String key = uri.getRawPath() == null ? "" : uri.getRawPath().replaceFirst("^/", "");
        if (bucket == null || !S3_BUCKET.matcher(bucket).matches() || key.isEmpty()) {
            throw new UrlRefusedException(field, field + " must look like s3://bucket/key, with a valid bucket name and a key");
        }
        return uri;
    }

    /**
     * Checks an S3 endpoint a job supplies ({@code s3_endpoint_url}); the caller skips this for
     * endpoints from the worker's environment, which are trusted.
     */
    public URI checkEndpointUrl(String field, String url) {
        return checkHttpUrl(field, url);
    }

    /**
     * Checks one network destination: the host as the client spelled it and the port. Resolves
     * the host once and returns the addresses to connect to, so a second lookup cannot swap in
     * another address.
     */
    public List<InetAddress> checkDestination(String host, int port) throws DestinationRefusedException {
        String name = HostLiteral.normalize(host);
        String destination = HostAndPort.format(name, port);
        if (name.isEmpty()) {
            throw new DestinationRefusedException(destination, "no host", null);
        }
        List<InetAddress> addresses = resolve(name, destination);
        boolean privateAllowed = false;
        for (InetAddress address : addresses) {
            AddressKind kind = AddressKind.of(address);
            if (kind == AddressKind.PUBLIC) {
                continue;
            }
            if (!allowance.allows(name, address, port)) {
                String ip = address.getHostAddress();
                String reason = ip.equals(name) ? kind.description() : kind.description() + " " + ip;
                throw new DestinationRefusedException(destination, reason, "for local testing allow it with "
                        + PrivateAllowance.SETTING + "=" + HostAndPort.format(ip, port));
            }
            privateAllowed = true;
        }
        if (!privateAllowed && !allowance.allowsEverything() && !allowlist.allows(name)) {
            throw new DestinationRefusedException(destination, "host not in " + HostAllowlist.SETTING,
                    "add the host to " + HostAllowlist.SETTING);
        }
        return addresses;
    }

    private List<InetAddress> resolve(String name, String destination) throws DestinationRefusedException {
        if (name.equals("localhost") || name.endsWith(".localhost")) {
            return List.of(InetAddress.getLoopbackAddress()); // RFC 6761: always loopback, whatever DNS says
        }
        Optional<InetAddress> literal = HostLiteral.parse(name);
        if (literal.isPresent()) {
            return List.of(literal.get());
        }
        if (name.contains(":") || HostLiteral.looksNumeric(name)) {
            throw new DestinationRefusedException(destination, "not a valid IP address", null);
        }
        try {
            InetAddress[] found = resolver.resolve(name);
            if (found.length == 0) {
                throw new UnknownHostException(name);
            }
            return List.of(found);
        } catch (UnknownHostException e) {
            throw new DestinationRefusedException(destination, "host name does not resolve", "check the address");
        }
    }

    private URI parse(String field, String url) {
        if (url == null || url.isBlank()) {
            throw new UrlRefusedException(field, field + " is empty; give the http or https URL of the video or media file");
        }
        if (url.length() > MAX_URL_LENGTH) {
            throw new UrlRefusedException(field, field + " is longer than " + MAX_URL_LENGTH
                    + " characters; give the web address of the video or media file");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new UrlRefusedException(field, field + " is not a valid URL (" + e.getReason()
                    + "); give the web address of the video or media file, with special characters percent-encoded");
        }
        if (uri.getScheme() == null || uri.isOpaque()) {
            throw new UrlRefusedException(field, field
                    + " is not an absolute URL; give the full web address, starting with https://");
        }
        return uri;
    }

    private void check(String field, URI uri) {
        // Java's URI leaves numeric spellings such as 127.1 without a host; read the authority as
        // the C library and yt-dlp do
        HostAndPort target;
        try {
            int defaultPort = uri.getScheme().equalsIgnoreCase("https") ? 443 : 80;
            target = HostAndPort.parse(uri.getRawAuthority() == null ? "" : uri.getRawAuthority(), defaultPort);
        } catch (IllegalArgumentException e) {
            throw new UrlRefusedException(field, field + " has no valid host and port (" + e.getMessage()
                    + "); give the full web address, e.g. https://www.youtube.com/watch?v=...");
        }
        try {
            checkDestination(target.host(), target.port());
        } catch (DestinationRefusedException e) {
            throw new UrlRefusedException(field, field + " " + SafeUrl.display(uri) + " is refused (" + e.getMessage()
                    + "); give a public http or https address" + (e.hint() == null ? "" : ", or " + e.hint()));
        }
    }
}
