package com.ytwhisper.worker.storage;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.InvalidPathException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Results as files under {@code WORKER_OUTPUT_DIR}, for runs without a bucket (test-input and
 * local-API modes). The key is the path relative to the folder, and no key, {@code ..} segment or
 * symbolic link can place a file outside it.
 */
public final class LocalFolderStorage implements Storage {

    private static final Logger LOG = Logger.getLogger(LocalFolderStorage.class);

    private final Path root;
    private final String keyPrefix;

    public LocalFolderStorage(Path root, String keyPrefix) {
        this.root = root.toAbsolutePath().normalize();
        this.keyPrefix = keyPrefix == null ? "" : keyPrefix;
    }

    public Path root() {
        return root;
    }

    /** {@code contentType} is not kept: a file has none. */
    @Override
    public StoredObject put(String name, byte[] content, String contentType) {
        String key = keyPrefix + name;
        Path file = pathInside(key);
        Path temp = file.resolveSibling("." + file.getFileName() + "." + UUID.randomUUID() + ".tmp");
        try {
            Files.write(temp, content, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
            // a rename replaces a planted link itself, never its target; readers never see half a file
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            deleteQuietly(temp);
            throw new StorageException("Cannot write " + file + " (" + e.getClass().getSimpleName()
                    + "): make WORKER_OUTPUT_DIR (" + root + ") a writable folder with free space.", e);
        }
        LOG.infof("Stored %s (%d bytes)", file, content.length);
        return new StoredObject(file.toUri().toString(), key, null);
    }

    /** Creates the result's folder and a scratch file in it, which it deletes again. */
    @Override
    public void checkWritable(String name) {
        Path file = pathInside(keyPrefix + name);
        try {
            Files.delete(Files.createTempFile(file.getParent(), ".ytw-write-check-", ".tmp"));
        } catch (IOException e) {
            throw new StorageException("Cannot write in " + file.getParent() + " (" + e.getClass().getSimpleName()
                    + "): make WORKER_OUTPUT_DIR (" + root + ") a writable folder with free space.", e);
        }
    }

    @Override
    public Optional<byte[]> read(String name, long maxBytes) {
        Path file = pathInside(keyPrefix + name);
        try {
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.empty();
            }
            if (Files.size(file) > maxBytes) {
                throw new StorageException(file + " is larger than " + maxBytes + " bytes: delete it.");
            }
            return Optional.of(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StorageException("Cannot read " + file + " (" + e.getClass().getSimpleName()
                    + "): make WORKER_OUTPUT_DIR (" + root + ") readable.", e);
        }
    }

    /**
     * The file for {@code key}, with its parent folders created, or an exception when the key is not
     * a plain relative path or would lead outside the folder through a link.
     */
    Path pathInside(String key) {
        try {
            return checkedPath(key);
        } catch (InvalidPathException e) {
            throw unencodable(key);
        }
    }

    private Path checkedPath(String key) {
        String[] segments = key.split("/", -1);
        for (String segment : segments) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.contains("\\")
                    || segment.indexOf('\0') >= 0) {
                throw outside(key);
            }
        }
        try {
            Path rootReal = Files.createDirectories(root).toRealPath();
            Path dir = rootReal;
            for (int i = 0; i < segments.length - 1; i++) {
                dir = dir.resolve(segments[i]);
                if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectory(dir);
                    } catch (FileAlreadyExistsException raced) {
                        // another job created it meanwhile; checked like any existing entry
                    }
                }
                if (!Files.isDirectory(dir) || !dir.toRealPath().startsWith(rootReal)) {
                    throw outside(key);
                }
            }
            return dir.resolve(segments[segments.length - 1]);
        } catch (IOException e) {
            throw new StorageException("Cannot create folders for " + key + " under " + root + " ("
                    + e.getClass().getSimpleName() + "): make WORKER_OUTPUT_DIR a writable folder.", e);
        }
    }

    /** Java names files in the charset of the locale it started under; with LANG=C that is ASCII only. */
    private StorageException unencodable(String key) {
        return new StorageException("The result name \"" + key + "\" cannot be a file name in WORKER_OUTPUT_DIR: the"
                + " worker started under a locale whose file names hold only " + System.getProperty("sun.jnu.encoding",
                "its charset") + " (e.g. LANG=C); start it with LANG=C.UTF-8, store to S3 (s3_bucket), or use only"
                + " ASCII in s3_key_prefix.");
    }

    private StorageException outside(String key) {
        return new StorageException("The result name \"" + key + "\" is not a plain path inside WORKER_OUTPUT_DIR ("
                + root + "): use an s3_key_prefix and request_id without \"..\", empty parts, a leading \"/\" or links.");
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.warnf("Could not delete temporary file %s: %s", file, e.getMessage());
        }
    }
}
