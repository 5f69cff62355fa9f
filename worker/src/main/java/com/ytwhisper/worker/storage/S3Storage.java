package com.ytwhisper.worker.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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

    public S3Storage(S3Client client, S3Target target) {
        this.client = client;
        this.target = target;
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
            throw S3Errors.translate(e, target, bucket, key, true);
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
            throw S3Errors.translate(e, target, bucket, key, false);
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
            throw S3Errors.translate(e, target, bucket, key, false);
        }
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
        try (ResponseInputStream<GetObjectResponse> in = client.getObject(b -> b.bucket(bucket).key(key))) {
            Long length = in.response().contentLength();
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
            throw S3Errors.translate(e, target, bucket, key, false);
        } catch (IOException e) {
            deleteQuietly(file);
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
}
