package com.ytwhisper.worker.storage;

/**
 * A static key pair (and optional session token). {@link #toString()} never shows any of them,
 * so the record can sit in other records, logs and exception messages safely.
 */
public record S3Credentials(String accessKeyId, String secretAccessKey, String sessionToken) {

    public S3Credentials {
        if (isBlank(accessKeyId) || isBlank(secretAccessKey)) {
            throw new IllegalArgumentException("access key id and secret access key are both required");
        }
        sessionToken = isBlank(sessionToken) ? null : sessionToken;
    }

    /**
     * The pair named by {@code idSetting} and {@code secretSetting}, or null when both are absent.
     *
     * @throws StorageException when only one of them is given
     */
    static S3Credentials ofOptional(String id, String secret, String token, String idSetting, String secretSetting) {
        if (isBlank(id) && isBlank(secret)) {
            return null;
        }
        if (isBlank(id) || isBlank(secret)) {
            String given = isBlank(id) ? secretSetting : idSetting;
            String missing = isBlank(id) ? idSetting : secretSetting;
            throw new StorageException(given + " is set without " + missing + ": give both or neither.");
        }
        return new S3Credentials(id, secret, token);
    }

    @Override
    public String toString() {
        return "S3Credentials[accessKeyId=***, secretAccessKey=***" + (sessionToken == null ? "" : ", sessionToken=***") + "]";
    }

    static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
