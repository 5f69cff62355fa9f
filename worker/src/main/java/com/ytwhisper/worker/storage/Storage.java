package com.ytwhisper.worker.storage;

/** Where a job's result files go: an S3 bucket or the local output folder. */
public interface Storage {

    /**
     * Writes one result file.
     *
     * @param name        the file name below the target's key prefix (e.g. {@code job-1.srt}); the
     *                    stored key is the prefix followed by this name
     *                    (docs/prototype-contract.md, Job output)
     * @param content     the bytes to store
     * @param contentType stored exactly as given, e.g. {@code application/x-subrip; charset=utf-8}
     * @throws StorageException with a one-sentence cause and fix
     */
    StoredObject put(String name, byte[] content, String contentType);

    /**
     * Checks, before the job spends download and engine time, that a result named {@code name} can
     * be stored here: the place is reachable and accepts writes with the job's credentials. Leaves no
     * visible object behind.
     *
     * @throws StorageException with a one-sentence cause and fix
     */
    void checkWritable(String name);

    /**
     * Reads back a file written with {@link #put} (the transcript cache's entries).
     *
     * @param name     as for {@link #put}
     * @param maxBytes a larger file is refused with a {@link StorageException}
     * @return the bytes, or empty when there is no such file
     * @throws StorageException with a one-sentence cause and fix
     */
    java.util.Optional<byte[]> read(String name, long maxBytes);
}
