package com.ytwhisper.worker.storage;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * One place results go: a bucket and key prefix behind an endpoint, reached with some credentials.
 *
 * @param bucket      the bucket, never blank
 * @param keyPrefix   prepended to every name as is ({@code s3_key_prefix} of
 *                    docs/prototype-contract.md, Job input); may be empty
 * @param endpoint    an S3-compatible endpoint, or null for AWS S3
 * @param credentials static keys, or null for the SDK's default credentials chain
 */
public record S3Target(String bucket, String keyPrefix, URI endpoint, S3Credentials credentials) {

    public S3Target {
        if (S3Credentials.isBlank(bucket)) {
            throw StorageException.missingBucket();
        }
        keyPrefix = Objects.requireNonNullElse(keyPrefix, "");
    }

    /** Custom endpoints (MinIO, S3Mock, R2, ...) get path-style addressing; AWS gets virtual hosts. */
    public boolean pathStyle() {
        return endpoint != null;
    }

    /** The endpoint for messages: host and port only, never user info or query. */
    public String endpointName() {
        return endpointName(endpoint);
    }

    static String endpointName(URI endpoint) {
        if (endpoint == null) {
            return "AWS S3";
        }
        return endpoint.getPort() < 0 ? endpoint.getHost() : endpoint.getHost() + ":" + endpoint.getPort();
    }

    /**
     * Parses an endpoint setting such as {@code https://s3.example.com}.
     *
     * @param setting how the user names the value, e.g. {@code s3_endpoint_url}
     * @return the endpoint, or null when {@code value} is blank
     * @throws StorageException when it is not a plain http(s) URL
     */
    static URI parseEndpoint(String value, String setting) {
        if (S3Credentials.isBlank(value)) {
            return null;
        }
        String problem;
        try {
            URI uri = new URI(value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problem = "must start with http:// or https://";
            } else if (uri.getHost() == null) {
                problem = "has no host name";
            } else if (uri.getRawUserInfo() != null) {
                problem = "must not contain user info (pass credentials as keys instead)";
            } else if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
                problem = "must not have a query or fragment";
            } else {
                return uri;
            }
        } catch (URISyntaxException e) {
            problem = "is not a valid URL";
        }
        throw new StorageException(setting + " " + problem + ": use a plain URL such as https://s3.example.com.");
    }
}
