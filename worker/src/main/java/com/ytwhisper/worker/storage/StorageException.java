package com.ytwhisper.worker.storage;

/**
 * A storage failure whose message is one sentence naming the cause and the fix. Messages never
 * contain credentials, so they can go to the job's error output as they are.
 */
public class StorageException extends RuntimeException {

    public StorageException(String message) {
        super(message);
    }

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }

    /** No bucket in the job nor in the environment, where results must go to S3. */
    public static StorageException missingBucket() {
        return new StorageException("No S3 bucket is set: give s3_bucket in the job input or set S3_BUCKET on the worker.");
    }
}
