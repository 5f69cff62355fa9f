package com.ytwhisper.worker.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import com.ytwhisper.worker.egress.EgressGuard;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/** Results in an S3 bucket, and {@code s3://} audio read through the same client. */
public final class S3Storage implements Storage {

    private static final Logger LOG = Logger.getLogger(S3Storage.class);

    private final S3Client client;
    private final S3Target target;
    private final EgressGuard guard;

    public S3Storage(S3Client client, S3Target target) {
        this(client, target, null);
    }

    /** @param guard the guard a job's endpoint is reached through, or null for the environment's endpoint */
    S3Storage(S3Client client, S3Target target, EgressGuard guard) {
        this.client = client;
        this.target = target;
        this.guard = guard;
    }

    public S3Target target() {
        return target;
    }

    @Override
    public StoredObject put(String name, byte[] content, String contentType) {
        String bucket = target.bucket();
        String key = target.keyPrefix() + name;
        try {
            client.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(content));
        } catch (SdkException e) {
            throw refusedOr(S3Errors.translate(e, target, bucket, key, true));
        }
        LOG.infof("Stored s3://%s/%s (%d bytes) at %s", bucket, key, content.length, target.endpointName());
        return new StoredObject("s3://" + bucket + "/" + key, key, bucket);
    }

    @Override
    public Optional<byte[]> read(String name, long maxBytes) {
        String bucket = target.bucket();
        String key = target.keyPrefix() + name;
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key))) {
            Long length = in.response().contentLength();
            if (length != null && length > maxBytes) {
                in.abort();
                throw new StorageException("s3://" + bucket + "/" + key + " is larger than " + maxBytes
                        + " bytes: delete it.");
            }
            return Optional.of(in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes)));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw refusedOr(S3Errors.translate(e, target, bucket, key, false));
        } catch (IOException e) {
            throw new StorageException("Reading s3://" + bucket + "/" + key + " from " + target.endpointName()
                    + " failed midway (" + e.getClass().getSimpleName() + "): try again.", e);
        }
    }

    /**
     * The ETag of {@code s3://bucket/key} (an {@code audio_url}): it changes whenever the object does.
     *
     * @throws StorageException with a one-sentence cause and fix
     */
    public String etag(String bucket, String key) {
        try {
            return client.headObject(b -> b.bucket(bucket).key(key)).eTag();
        } catch (SdkException e) {
            throw refusedOr(S3Errors.translate(e, target, bucket, key, false));
        }
    }

    /**
     * Starts a multipart upload at the result's key and aborts it: that needs the same right as the
     * upload (s3:PutObject), reaches the endpoint with the job's credentials, and leaves no object.
     */
    @Override
    public void checkWritable(String name) {
        String bucket = target.bucket();
        String key = target.keyPrefix() + name;
        String uploadId;
        try {
            uploadId = client.createMultipartUpload(b -> b.bucket(bucket).key(key)).uploadId();
        } catch (SdkException e) {
            throw refusedOr(S3Errors.translate(e, target, bucket, key, true));
        }
        try {
            client.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(uploadId));
        } catch (SdkException e) {
            // writable is what counts; an unaborted empty upload holds no data (a lifecycle rule removes it)
            LOG.warnf("Could not abort the write check's multipart upload for s3://%s/%s at %s (%s): grant"
                    + " s3:AbortMultipartUpload, or let a lifecycle rule remove incomplete uploads", bucket, key,
                    target.endpointName(), e.getClass().getSimpleName());
        }
        LOG.debugf("s3://%s/%s at %s accepts writes", bucket, key, target.endpointName());
    }

    /**
     * Downloads {@code s3://bucket/key} (an {@code audio_url}) into {@code file}, refusing objects over
     * {@code maxBytes}. A partial file is deleted on failure.
     *
     * @return the number of bytes written
     * @throws StorageException with a one-sentence cause and fix
     */
    public long download(String bucket, String key, Path file, long maxBytes) {
        String object = "s3://" + bucket + "/" + key;
        long[] size = {0};
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key))) {
            Long length = in.response().contentLength();
            size[0] = length == null ? 0 : length;
            if (length != null && length > maxBytes) {
                in.abort();
                throw tooLarge(object, maxBytes);
            }
            long written = copyAtMost(in, file, maxBytes);
            if (written > maxBytes) {
                in.abort();
                throw tooLarge(object, maxBytes);
            }
            LOG.infof("Downloaded %s (%d bytes) from %s", object, written, target.endpointName());
            return written;
        } catch (SdkException e) {
            deleteQuietly(file);
            throw refusedOr(S3Errors.translate(e, target, bucket, key, false));
        } catch (IOException e) {
            deleteQuietly(file);
            if (String.valueOf(e.getMessage()).contains("No space left on device")) {
                Path folder = file.toAbsolutePath().getParent();
                throw new StorageException("Not enough disk space in " + (folder == null ? file : folder.getParent())
                        + " (WORKER_WORK_DIR) to save " + object + (size[0] > 0 ? " (" + size[0] + " bytes)" : "") + ": free space there or"
                        + " point WORKER_WORK_DIR at a larger disk (the job needs the object's size plus 32 kB per"
                        + " second of audio).", e);
            }
            throw new StorageException("Reading " + object + " from " + target.endpointName() + " failed midway ("
                    + e.getClass().getSimpleName() + "): try again, or check the network to the endpoint.", e);
        } catch (StorageException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    /** Copies until the end or until more than {@code maxBytes} arrived; returns the count read. */
    private static long copyAtMost(InputStream in, Path file, long maxBytes) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(file)) {
            for (int n; total <= maxBytes && (n = in.read(buffer)) != -1; ) {
                total += n;
                out.write(buffer, 0, n);
            }
        }
        return total;
    }

    private static StorageException tooLarge(String object, long maxBytes) {
        return new StorageException(object + " is larger than the limit of " + maxBytes
                + " bytes: use a shorter recording or raise WORKER_MAX_DOWNLOAD_BYTES.");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete partial download %s: %s", file, e.getMessage());
        }
    }

    /**
     * What the guard saw explains a job endpoint's failure better than the SDK's view of the
     * guard's 403 or 502: a refused address (e.g. after DNS rebinding) or a failed connection.
     */
    private StorageException refusedOr(StorageException translated) {
        List<String> refusals = guard == null ? List.of() : guard.refusals();
        if (!refusals.isEmpty()) {
            return new StorageException("s3_endpoint_url " + target.endpointName() + " led to a destination jobs may not"
                    + " reach (" + refusals.get(refusals.size() - 1) + "): give an S3 endpoint on a public address.",
                    translated.getCause());
        }
        List<String> failures = guard == null ? List.of() : guard.failures();
        if (!failures.isEmpty()) {
            return new StorageException("Cannot reach the S3 endpoint " + target.endpointName() + " ("
                    + failures.get(failures.size() - 1) + "): check s3_endpoint_url and that the server is running.",
                    translated.getCause());
        }
        return translated;
    }
}
