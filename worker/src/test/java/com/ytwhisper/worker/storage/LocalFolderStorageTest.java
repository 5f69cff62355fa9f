package com.ytwhisper.worker.storage;

import com.ytwhisper.worker.subtitles.SubtitleFormat;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LocalFolderStorageTest {

    @TempDir
    Path tmp;
    Path out;
    Path outside;

    @BeforeEach
    void folders() throws IOException {
        out = tmp.resolve("out");
        outside = Files.createDirectory(tmp.resolve("outside"));
    }

    @Test
    void writesUnderTheFolderWithPrefixAsSubfolders() throws IOException {
        byte[] srt = "1\n00:00:00,000 --> 00:00:01,000\nhi\n".getBytes(StandardCharsets.UTF_8);

        StoredObject stored = new LocalFolderStorage(out, "transcriptions/2026/").put("job-1.srt", srt, SubtitleFormat.SRT.contentType());

        Path file = out.resolve("transcriptions/2026/job-1.srt").toAbsolutePath();
        assertEquals(file.toUri().toString(), stored.path());
        assertTrue(stored.path().startsWith("file:///"), stored.path());
        assertEquals("transcriptions/2026/job-1.srt", stored.key());
        assertNull(stored.bucket());
        assertArrayEquals(srt, Files.readAllBytes(file));
    }

    @Test
    void theWriteCheckMakesTheFolderAndLeavesNoFile() throws IOException {
        new LocalFolderStorage(out, "transcriptions/").checkWritable("job-1.srt");

        try (var left = Files.list(out.resolve("transcriptions"))) {
            assertEquals(0, left.count(), "the write check left a file");
        }
    }

    @Test
    void theWriteCheckNamesAFolderThatCannotBeWritten() throws IOException {
        Files.createDirectories(out);
        Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("r-x------"));
        try {
            org.junit.jupiter.api.Assumptions.assumeFalse(Files.isWritable(out), "root writes anywhere");
            StorageException e = assertThrows(StorageException.class,
                    () -> new LocalFolderStorage(out, "").checkWritable("job-1.srt"));
            assertTrue(e.getMessage().contains("WORKER_OUTPUT_DIR"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(out, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
        }
    }

    @Test
    void overwritesAnEarlierResultAndLeavesNoTemporaryFiles() throws IOException {
        LocalFolderStorage storage = new LocalFolderStorage(out, "");
        storage.put("job.txt", new byte[]{1}, SubtitleFormat.TXT.contentType());

        storage.put("job.txt", new byte[]{2, 2}, SubtitleFormat.TXT.contentType());

        assertArrayEquals(new byte[]{2, 2}, Files.readAllBytes(out.resolve("job.txt")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(1, files.count());
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "NULL", value = {
            "''         | ../escape.srt",
            "../        | escape.srt",
            "a/../../   | escape.srt",
            "/tmp/      | escape.srt",
            "''         | /etc/escape.srt",
            "a//        | b.srt",
            "./         | b.srt",
            "a\\..\\..\\ | escape.srt",
            "''         | ''",
            "dir/       | ''"})
    void refusesNamesThatAreNotPlainRelativePaths(String prefix, String name) {
        StorageException e = assertThrows(StorageException.class,
                () -> new LocalFolderStorage(out, prefix).put(name, new byte[]{1}, SubtitleFormat.SRT.contentType()));

        assertTrue(e.getMessage().startsWith("The result name \"" + prefix + name + "\" is not a plain path inside"
                + " WORKER_OUTPUT_DIR"), e.getMessage());
        assertNothingIn(outside);
        assertFalse(Files.exists(tmp.resolve("escape.srt")));
    }

    @Test
    void refusesAFolderLinkThatLeadsOutside() throws IOException {
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("link"), outside);

        StorageException e = assertThrows(StorageException.class,
                () -> new LocalFolderStorage(out, "link/").put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType()));

        assertTrue(e.getMessage().contains("\"link/job.srt\" is not a plain path inside WORKER_OUTPUT_DIR"), e.getMessage());
        assertNothingIn(outside);
    }

    @Test
    void acceptsAFolderLinkThatStaysInside() throws IOException {
        Files.createDirectories(out.resolve("real"));
        Files.createSymbolicLink(out.resolve("alias"), out.resolve("real"));

        new LocalFolderStorage(out, "alias/").put("job.srt", new byte[]{1}, SubtitleFormat.SRT.contentType());

        assertTrue(Files.exists(out.resolve("real/job.srt")));
    }

    @Test
    void replacesAFileLinkInsteadOfWritingThroughIt() throws IOException {
        Path victim = Files.writeString(outside.resolve("victim.txt"), "keep me");
        Files.createDirectories(out);
        Files.createSymbolicLink(out.resolve("job.srt"), victim);

        new LocalFolderStorage(out, "").put("job.srt", new byte[]{'n', 'e', 'w'}, SubtitleFormat.SRT.contentType());

        assertEquals("keep me", Files.readString(victim));
        assertFalse(Files.isSymbolicLink(out.resolve("job.srt")));
        assertEquals("new", Files.readString(out.resolve("job.srt")));
    }

    private static void assertNothingIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count(), "something was written to " + dir);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
