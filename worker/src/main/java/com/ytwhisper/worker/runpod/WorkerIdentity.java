package com.ytwhisper.worker.runpod;

/**
 * Who this worker is, as reported to the platform.
 *
 * @param podId    RUNPOD_POD_ID (or a random id outside the platform)
 * @param hostname RUNPOD_POD_HOSTNAME or {@code unknown}
 * @param version  {@code ytw-worker/<version>}, sent where the SDK sends {@code runpod_version}
 */
public record WorkerIdentity(String podId, String hostname, String version) {
}
