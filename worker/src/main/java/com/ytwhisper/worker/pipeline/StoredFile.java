package com.ytwhisper.worker.pipeline;

/**
 * Where one output file ended up.
 *
 * @param path   full address: {@code s3://bucket/key}, or {@code file://...} in the local folder
 * @param key    object key, or the path relative to the local output folder
 * @param bucket the bucket, or null for the local output folder
 */
public record StoredFile(String path, String key, String bucket) {
}
