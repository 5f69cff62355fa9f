package com.ytwhisper.worker.egress;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * URLs as they may appear in messages and logs: no user info and no query (signed media and
 * presigned S3 URLs carry credentials there), long paths cut.
 */
public final class SafeUrl {

    private static final int MAX_PATH = 80;
    private static final Pattern URL_QUERY = Pattern.compile("(https?://[^\\s?#'\"]+)[?#][^\\s'\"]*");

    private SafeUrl() {
    }

    public static String display(URI uri) {
        StringBuilder out = new StringBuilder().append(uri.getScheme()).append("://");
        String authority = uri.getRawAuthority() == null ? "" : uri.getRawAuthority();
        String hostPort = authority.substring(authority.lastIndexOf('@') + 1);
        out.append(hostPort.length() > MAX_PATH ? hostPort.substring(0, MAX_PATH) + "..." : hostPort);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        out.append(path.length() > MAX_PATH ? path.substring(0, MAX_PATH) + "..." : path);
        if (uri.getRawQuery() != null) {
            out.append("?...");
        }
        return out.toString();
    }

    /** Replaces the query of every http(s) URL inside {@code text} with {@code ?...}. */
    public static String scrub(String text) {
        return URL_QUERY.matcher(text).replaceAll("$1?...");
    }
}
