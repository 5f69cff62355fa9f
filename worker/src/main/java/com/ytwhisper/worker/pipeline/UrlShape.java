package com.ytwhisper.worker.pipeline;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks that a URL field looks like an address the worker can use: a string of sane length
 * with no spaces, an {@code http}/{@code https} (or {@code s3}) scheme and a host. Whether the
 * host may be reached is the download package's address policy, not decided here.
 */
final class UrlShape {

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    private UrlShape() {
    }

    /** The URL, or null when it is not given or breaks a rule (the problem is recorded). */
    static String check(InputReader in, String field, boolean allowS3) {
        return check(in, field, allowS3, LocalFiles.REFUSED);
    }

    /** Whether {@code file:///path} may name the input: never on the platform, whose worker cannot see the caller's files. */
    enum LocalFiles { ALLOWED, REFUSED, NOT_APPLICABLE }

    static String check(InputReader in, String field, boolean allowS3, LocalFiles localFiles) {
        String url = in.string(field, JobInputParser.MAX_URL);
        if (url == null) {
            return null;
        }
        if (url.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            in.problem(field, "must not contain spaces or line breaks (percent-encode them), got " + ValueText.quoteUrl(url));
            return null;
        }
        String scheme = scheme(url);
        if ("file".equals(scheme) && localFiles != LocalFiles.NOT_APPLICABLE) {
            return localFile(in, field, url, localFiles == LocalFiles.ALLOWED);
        }
        boolean allowed = "http".equals(scheme) || "https".equals(scheme) || allowS3 && "s3".equals(scheme);
        if (!allowed) {
            String expected = allowS3 ? "an http://, https:// or s3://bucket/key address" : "an http:// or https:// URL";
            in.problem(field, "must be " + expected + ", got " + ValueText.quoteUrl(url));
            return null;
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            // the exception's own message repeats the whole URL, so it is not passed on
            in.problem(field, "is not a valid URL, got " + ValueText.quoteUrl(url));
            return null;
        }
        if (uri.getRawAuthority() == null || uri.getRawAuthority().isEmpty()) {
            in.problem(field, "has no host, got " + ValueText.quoteUrl(url));
            return null;
        }
        if ("s3".equals(scheme) && (uri.getRawPath() == null || uri.getRawPath().length() <= 1)) {
            in.problem(field, "an s3:// address needs a bucket and a key, e.g. s3://my-bucket/audio/talk.mp3");
            return null;
        }
        return url;
    }

    private static String localFile(InputReader in, String field, String url, boolean allowed) {
        if (!allowed) {
            in.problem(field, "a file:// address works only in test-input and local-API modes (the worker on Runpod "
                    + "cannot see your files); upload the file and give its https:// or s3://bucket/key address");
            return null;
        }
        try {
            URI uri = new URI(url);
            if (uri.getRawAuthority() != null && !uri.getRawAuthority().isEmpty() || uri.getPath() == null
                    || !uri.getPath().startsWith("/")) {
                in.problem(field, "a local file must be given as file:///absolute/path, got " + ValueText.quoteUrl(url));
                return null;
            }
            return url;
        } catch (URISyntaxException e) {
            in.problem(field, "is not a valid file:// URL (percent-encode spaces), got " + ValueText.quoteUrl(url));
            return null;
        }
    }

    /** The lower-case scheme, or null when the text does not start with one. */
    private static String scheme(String url) {
        int colon = url.indexOf(':');
        if (colon <= 0 || !SCHEME.matcher(url.substring(0, colon)).matches()) {
            return null;
        }
        return url.substring(0, colon).toLowerCase(Locale.ROOT);
    }
}
