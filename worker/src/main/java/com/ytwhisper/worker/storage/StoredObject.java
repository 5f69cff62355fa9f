package com.ytwhisper.worker.storage;

/**
 * Where a result was written.
 *
 * @param path   {@code s3://bucket/key}, or a {@code file://} URI for the local folder
 * @param key    the object key, or the path relative to the local folder (always with {@code /})
 * @param bucket the bucket, or null for the local folder
 */
public record StoredObject(String path, String key, String bucket) {
}
