package com.ytwhisper.testkit.media;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Spoken English test media made with espeak-ng and ffmpeg (local-test-facts.md): the {@code en-us+f2}
 * voice at 130 words per minute, which pocketsphinx recognises well. Files are made once into a
 * cache folder ({@code -Dytw.speech.cache}, default {@code $TMPDIR/ytw-speech}) and reused; each
 * lands by an atomic rename, so concurrent builds never see half a file.
 */
public final class SpeechFixtures {

    /** The default sentence, spoken twice. */
    public static final String TEXT =
            "the quick brown fox jumps over the lazy dog. the quick brown fox jumps over the lazy dog.";
    /** Words a recogniser should find in {@link #TEXT}; assert on a few, never the whole transcript. */
    public static final List<String> CONTENT_WORDS = List.of("quick", "brown", "fox", "jumps", "lazy", "dog");

    /** One spoken text in three containers. */
    public record Speech(String text, Path wav, Path mp4, Path webm) {
    }

    private static final Map<String, Speech> MADE = new ConcurrentHashMap<>();

    private SpeechFixtures() {
    }

    /** {@link #TEXT} as espeak WAV, H.264/AAC MP4 and VP8/Opus WebM. */
    public static Speech speech() {
        return speech(TEXT);
    }

    /** Any text, spoken by the same voice; made once per cache folder. */
    public static Speech speech(String text) {
        return MADE.computeIfAbsent(text, SpeechFixtures::make);
    }

    private static Speech make(String text) {
        Path dir = cacheRoot().resolve(hash(text));
        try {
            Files.createDirectories(dir);
            Path wav = produce(dir.resolve("speech.wav"), tmp -> List.of(
                    "espeak-ng", "-v", "en-us+f2", "-s", "130", "-w", tmp.toString(), text));
            Path mp4 = produce(dir.resolve("speech.mp4"), tmp -> List.of(
                    "ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=blue:s=320x240:r=5",
                    "-i", wav.toString(), "-shortest", "-c:v", "libx264", "-tune", "stillimage", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", "-movflags", "+faststart", "-f", "mp4", tmp.toString()));
            Path webm = produce(dir.resolve("speech.webm"), tmp -> List.of(
                    "ffmpeg", "-nostdin", "-v", "error", "-y", "-f", "lavfi", "-i", "color=c=blue:s=320x240:r=5",
                    "-i", wav.toString(), "-shortest", "-c:v", "libvpx", "-b:v", "50k", "-deadline", "realtime",
                    "-cpu-used", "8", "-c:a", "libopus", "-f", "webm", tmp.toString()));
            return new Speech(text, wav, mp4, webm);
        } catch (IOException e) {
            throw new IllegalStateException("could not make speech fixtures in " + dir + ": " + e.getMessage(), e);
        }
    }

    private interface Command {
        List<String> forOutput(Path tmp);
    }

    /** Runs the command into a temporary name and renames it into place, unless the file exists. */
    private static Path produce(Path target, Command command) throws IOException {
        if (Files.isRegularFile(target) && Files.size(target) > 0) {
            return target;
        }
        String name = target.getFileName().toString();
        Path tmp = target.resolveSibling("tmp-" + ProcessHandle.current().pid() + "-" + System.nanoTime() + "-" + name);
        try {
            Process process = new ProcessBuilder(command.forOutput(tmp)).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0 || !Files.isRegularFile(tmp)) {
                process.destroyForcibly();
                throw new IOException(command.forOutput(tmp).get(0) + " failed for " + name + ": " + output.strip()
                        + " (needs apt packages espeak-ng and ffmpeg)");
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while making " + name, e);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static Path cacheRoot() {
        String configured = System.getProperty("ytw.speech.cache");
        return configured != null ? Path.of(configured) : Path.of(System.getProperty("java.io.tmpdir"), "ytw-speech");
    }

    private static String hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("en-us+f2|130|v1|" + text).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
