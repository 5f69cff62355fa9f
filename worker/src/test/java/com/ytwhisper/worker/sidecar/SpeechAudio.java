package com.ytwhisper.worker.sidecar;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Real speech for tests: espeak-ng's en-us+f2 voice at 130 words a minute, as 16 kHz mono WAV. */
final class SpeechAudio {

    /** pocketsphinx recognises these words of {@link #SENTENCE} reliably (local-test-facts.md). */
    static final String SENTENCE = "We are going to the market tomorrow morning.";
    static final Set<String> CONTENT_WORDS = Set.of("going", "market", "tomorrow", "morning");

    private SpeechAudio() {
    }

    /** {@link #SENTENCE} spoken twice, then {@code silenceAfterS} seconds of silence. */
    static Path sentence(Path folder, String name, double silenceAfterS) throws IOException, InterruptedException {
        Path raw = folder.resolve("raw-" + name);
        Path wav = folder.resolve(name);
        run(List.of("espeak-ng", "-v", "en-us+f2", "-s", "130", "-w", raw.toString(), SENTENCE + " " + SENTENCE));
        List<String> ffmpeg = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-loglevel", "error", "-y", "-i", raw.toString()));
        if (silenceAfterS > 0) {
            ffmpeg.addAll(List.of("-af", "apad=pad_dur=" + silenceAfterS));
        }
        ffmpeg.addAll(List.of("-ar", "16000", "-ac", "1", "-c:a", "pcm_s16le", wav.toString()));
        run(ffmpeg);
        return wav;
    }

    static double durationS(Path wav) throws IOException, UnsupportedAudioFileException {
        AudioFileFormat format = AudioSystem.getAudioFileFormat(wav.toFile());
        return format.getFrameLength() / (double) format.getFormat().getFrameRate();
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try {
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("timed out: " + command);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed (" + process.exitValue() + "): " + output);
            }
        } finally {
            process.destroyForcibly();
        }
    }
}
