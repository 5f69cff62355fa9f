package com.ytwhisper.worker.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.ExternalProcesses;
import com.ytwhisper.testkit.media.MediaServer;
import com.ytwhisper.testkit.media.SpeechFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Real ffmpeg and ffprobe on local files, as for media fetched from S3. */
@ExternalProcesses
class AudioConverterTest {

    private static final DownloadLimits LIMITS = new DownloadLimits(Duration.ofHours(4), 50_000_000, Duration.ofSeconds(60));

    @TempDir
    Path jobDir;

    @Test
    void convertsVideoToSpeechWav() {
        DownloadedAudio audio = new AudioConverter(Tools.onPath(), LIMITS).start(SpeechFixtures.speech().mp4(), jobDir).await();
        Ffprobe.MediaInfo info = new Ffprobe("ffprobe", Duration.ofSeconds(30)).probe(audio.wav());
        assertEquals(16000, info.sampleRate());
        assertEquals(1, info.channels());
        assertEquals("pcm_s16le", info.codec());
        assertEquals(jobDir.resolve("audio.wav"), audio.wav());
        assertTrue(audio.durationS() > 5 && audio.durationS() < 12, "about 7 s: " + audio.durationS());
        assertEquals(0, audio.bytesDownloaded());
    }

    @Test
    void wavInputAtAnotherRateIsResampled() {
        DownloadedAudio audio = new AudioConverter(Tools.onPath(), LIMITS)
                .ensureSpeechWav(SpeechFixtures.speech().wav(), jobDir, 123);
        assertEquals(16000, new Ffprobe("ffprobe", Duration.ofSeconds(30)).probe(audio.wav()).sampleRate());
        assertEquals(123, audio.bytesDownloaded());
    }

    @Test
    void inputOverTheDurationLimitIsRefusedBeforeConverting() {
        DownloadLimits short3 = new DownloadLimits(Duration.ofSeconds(3), 50_000_000, Duration.ofSeconds(60));
        DownloadException e = assertThrows(DownloadException.class,
                () -> new AudioConverter(Tools.onPath(), short3).start(SpeechFixtures.speech().webm(), jobDir));
        assertTrue(e.getMessage().contains("WORKER_MAX_DURATION_S"), e.getMessage());
        assertTrue(Files.notExists(jobDir.resolve("audio.wav")));
    }

    @Test
    void inputOverTheSizeLimitIsRefused() {
        DownloadLimits tiny = new DownloadLimits(Duration.ofHours(4), 1000, Duration.ofSeconds(60));
        DownloadException e = assertThrows(DownloadException.class,
                () -> new AudioConverter(Tools.onPath(), tiny).start(SpeechFixtures.speech().mp4(), jobDir));
        assertTrue(e.getMessage().contains("WORKER_MAX_DOWNLOAD_BYTES"), e.getMessage());
    }

    @Test
    void nonMediaIsAClearError() throws Exception {
        Path text = Files.writeString(jobDir.resolve("notes.mp4"), "this is not a video\n");
        DownloadException e = assertThrows(DownloadException.class,
                () -> new AudioConverter(Tools.onPath(), LIMITS).start(text, jobDir));
        assertTrue(e.getMessage().startsWith("the media file could not be read"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"talk.mp4", "talk.m3u8"})
    void playlistsInsideALocalFileCannotFetchUrls(String name) throws Exception {
        // an HLS playlist posing as media must not make ffmpeg reach the network (SSRF through ffmpeg)
        try (MediaServer media = MediaServer.start()) {
            Path playlist = Files.writeString(jobDir.resolve(name), "#EXTM3U\n#EXT-X-TARGETDURATION:10\n"
                    + "#EXTINF:10,\n" + media.url("/segment.ts") + "\n#EXT-X-ENDLIST\n");
            DownloadException e = assertThrows(DownloadException.class,
                    () -> new AudioConverter(Tools.onPath(), LIMITS).start(playlist, jobDir));
            assertTrue(e.getMessage().contains("could not be read") || e.getMessage().contains("no audio"), e.getMessage());
            assertEquals(List.of(), media.requests());
        }
    }
}
