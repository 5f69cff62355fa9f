package com.ytwhisper.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.subtitles.SubtitleLayout;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobInputTest {

    static JobInput input(Set<SubtitleFormat> formats, String youtubeUrl, String accessKey, String secretKey) {
        return new JobInput(new JobInput.Source("youtube_url", youtubeUrl), "req-1",
                StorageRequest.fromJob("bucket", "t/", "https://s3.example.com", accessKey, secretKey),
                new TranscriptionInput("en", null, false, true, 5, null, null), SubtitleLayout.DEFAULT, formats, true);
    }

    @Test
    void srtIsAlwaysFirstAndPresent() {
        assertEquals(List.of(SubtitleFormat.SRT), List.copyOf(input(null, "https://a.example", null, null).formats()));
        assertEquals(List.of(SubtitleFormat.SRT, SubtitleFormat.VTT, SubtitleFormat.JSON),
                List.copyOf(input(new LinkedHashSet<>(List.of(SubtitleFormat.VTT, SubtitleFormat.SRT, SubtitleFormat.JSON)),
                        "https://a.example", null, null).formats()));
        assertThrows(UnsupportedOperationException.class,
                () -> input(Set.of(), "https://a.example", null, null).formats().add(SubtitleFormat.TXT));
    }

    @Test
    void formatsKeepTheOrderAskedNotTheDeclarationOrder() {
        assertEquals(List.of(SubtitleFormat.SRT, SubtitleFormat.TXT, SubtitleFormat.VTT),
                List.copyOf(input(new LinkedHashSet<>(List.of(SubtitleFormat.TXT, SubtitleFormat.VTT)),
                        "https://a.example", null, null).formats()));
    }

    @Test
    void missingTaskMeansTranscribe() {
        assertEquals(TranscriptionInput.Task.TRANSCRIBE, input(null, "https://a.example", null, null).transcription().task());
    }

    @Test
    void toStringHidesCredentialsAndUrlPasswords() {
        String text = input(null, "https://joe:hunter2@videos.example/v/1", "AKIAEXAMPLE123", "wJalrXUtnFEMI").toString();
        assertFalse(text.contains("AKIAEXAMPLE123"), text);
        assertFalse(text.contains("wJalrXUtnFEMI"), text);
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("accessKeyId=***, secretAccessKey=***"), text);
        assertTrue(text.contains("youtube_url=\"https://***@videos.example/v/1\""), text);
        assertTrue(text.contains("requestId=req-1"), text);
        assertTrue(input(null, "https://a.example", null, null).toString().contains("credentials=null"));
    }

    @Test
    void fileNameIsRequestIdAndFormat() {
        assertEquals("req-1.srt", input(null, "https://a.example", null, null).fileName(SubtitleFormat.SRT));
    }
}
