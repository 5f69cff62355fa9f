package com.ytwhisper.worker.download;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;

/**
 * {@code YTDLP_COOKIES}: a cookies.txt (Netscape format) given as a file path or as base64 content
 * (from a secret). Each job gets its own private copy (0600), because yt-dlp writes the jar back
 * when it ends. The value itself never appears in a message.
 */
final class Cookies {

    static final String SETTING = "YTDLP_COOKIES";

    private final Optional<byte[]> content;

    private Cookies(Optional<byte[]> content) {
        this.content = content;
    }

    /** @throws IllegalArgumentException naming the setting when the value is neither a readable file nor base64 cookies */
    static Cookies of(String setting) {
        if (setting == null || setting.isBlank()) {
            return new Cookies(Optional.empty());
        }
        String value = setting.strip();
        byte[] bytes = readFile(value).or(() -> decode(value)).orElseThrow(() -> new IllegalArgumentException(
                SETTING + " is neither a readable file nor base64 of a cookies.txt in Netscape format; set it to the "
                        + "path of a cookies.txt exported from a signed-in browser, or to that file's base64 content"));
        if (!looksLikeCookies(bytes)) {
            throw new IllegalArgumentException(SETTING + " does not hold a cookies.txt in Netscape format (tab-separated "
                    + "lines); export the cookies again with a cookies.txt browser extension or yt-dlp --cookies-from-browser");
        }
        return new Cookies(Optional.of(bytes));
    }

    boolean present() {
        return content.isPresent();
    }

    /** Writes the private copy into {@code dir}; null when no cookies are configured. */
    Path writeInto(Path dir) throws IOException {
        if (content.isEmpty()) {
            return null;
        }
        Path file = dir.resolve("cookies.txt");
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(file, content.get(), StandardOpenOption.TRUNCATE_EXISTING);
        return file;
    }

    private static Optional<byte[]> readFile(String value) {
        if (value.length() > 4096 || value.contains("\n")) {
            return Optional.empty();
        }
        try {
            Path path = Path.of(value);
            return Files.isRegularFile(path) && Files.isReadable(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<byte[]> decode(String value) {
        try {
            return Optional.of(Base64.getMimeDecoder().decode(value));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static boolean looksLikeCookies(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        for (String line : text.split("\n")) {
            String l = line.strip();
            boolean comment = l.startsWith("#") && !l.startsWith("#HttpOnly_");
            if (!l.isEmpty() && !comment && l.split("\t").length >= 7) {
                return true;
            }
        }
        return text.startsWith("# Netscape HTTP Cookie File") || text.startsWith("# HTTP Cookie File");
    }
}
