package com.ytwhisper.worker.storage;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Turns SDK failures into one-sentence {@link StorageException}s that name the cause and the fix.
 * Messages carry the endpoint's host and port, the bucket and the key, never a credential.
 */
final class S3Errors {

    private static final String ENDPOINT = "s3_endpoint_url (S3_ENDPOINT_URL)";

    private S3Errors() {
    }

    static StorageException translate(SdkException e, S3Target target, String bucket, String key, boolean upload) {
        String where = target.endpointName();
        String object = "s3://" + bucket + "/" + key;
        String message = e instanceof S3Exception s3
                ? serviceError(s3, where, bucket, object, upload)
                : clientError(e, where);
        return new StorageException(message, e);
    }

    private static String serviceError(S3Exception e, String where, String bucket, String object, boolean upload) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        int status = e.statusCode();
        if ("NoSuchBucket".equals(code)) {
            return upload
                    ? "Bucket \"" + bucket + "\" does not exist at " + where
                            + ": create it, or fix s3_bucket (S3_BUCKET) or " + ENDPOINT + "."
                    : "Bucket \"" + bucket + "\" of audio_url does not exist at " + where
                            + ": check audio_url and " + ENDPOINT + ".";
        }
        if ("NoSuchKey".equals(code) || (!upload && status == 404)) {
            return object + " does not exist at " + where + ": check audio_url.";
        }
        if ("InvalidAccessKeyId".equals(code)) {
            return where + " does not know the access key (InvalidAccessKeyId)"
                    + ": check aws_access_key in the job or AWS_ACCESS_KEY_ID on the worker.";
        }
        if ("SignatureDoesNotMatch".equals(code)) {
            return where + " rejected the request signature (SignatureDoesNotMatch), so the secret key does not"
                    + " belong to the access key: check aws_secret_key in the job or AWS_SECRET_ACCESS_KEY on the worker.";
        }
        if ("ExpiredToken".equals(code) || "InvalidToken".equals(code)) {
            return where + " rejected the session token (" + code + "): renew AWS_SESSION_TOKEN or use long-term keys.";
        }
        if ("AccessDenied".equals(code) || status == 403) {
            return "Access to " + object + " at " + where + " was denied (" + (code == null ? "HTTP 403" : code)
                    + "): grant these credentials s3:" + (upload ? "PutObject" : "GetObject")
                    + " on the bucket, or use other keys.";
        }
        String answer = "HTTP " + status + (code == null ? "" : " " + code);
        if (status >= 500) {
            return "S3 at " + where + " kept failing with " + answer + " for " + object
                    + ": try again later, or raise WORKER_S3_MAX_ATTEMPTS if it persists.";
        }
        return "S3 at " + where + " refused " + object + " with " + answer
                + ": check the bucket, the key prefix and " + ENDPOINT + ".";
    }

    private static String clientError(SdkException e, String where) {
        if (causedBy(e, UnknownHostException.class)) {
            return "Cannot reach the S3 endpoint " + where + " (unknown host): check " + ENDPOINT + ".";
        }
        if (causedBy(e, ConnectException.class) || causedBy(e, NoRouteToHostException.class)) {
            return "Cannot reach the S3 endpoint " + where + " (connection refused): check " + ENDPOINT
                    + " and that the server is running.";
        }
        if (causedBy(e, SocketTimeoutException.class) || causedBy(e, ApiCallTimeoutException.class)
                || causedBy(e, ApiCallAttemptTimeoutException.class)) {
            return "The S3 endpoint " + where + " did not answer in time: check " + ENDPOINT
                    + " and the network, or raise WORKER_S3_TIMEOUT_MS.";
        }
        if (String.valueOf(e.getMessage()).contains("Unable to load credentials")) {
            return "No S3 credentials were found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY on the worker,"
                    + " or give aws_access_key and aws_secret_key in the job.";
        }
        return "The S3 request to " + where + " failed (" + deepest(e).getClass().getSimpleName() + "): check "
                + ENDPOINT + " and try again.";
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }

    private static Throwable deepest(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t;
    }
}
