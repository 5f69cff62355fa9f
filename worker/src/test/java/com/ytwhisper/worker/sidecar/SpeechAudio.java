package com.ytwhisper.worker.sidecar;

import com.ytwhisper.testkit.media.SpeechFixtures;
import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.UnsupportedAudioFileException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** The testkit's speech ({@link SpeechFixtures#TEXT}) as the sidecar takes it: 16 kHz mono WAV. */
final class SpeechAudio {

    private SpeechAudio() {
    }

    /** {@link SpeechFixtures#TEXT}, then {@code silenceAfterS} seconds of silence. */
    static Path sentence(Path folder, String name, double silenceAfterS) throws IOException, InterruptedException {
        Path raw = SpeechFixtures.speech().wav();
        Path wav = folder.resolve(name);
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
