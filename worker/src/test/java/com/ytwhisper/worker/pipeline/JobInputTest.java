package com.ytwhisper.worker.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class JobInputTest {

    static JobInput input(Set<String> formats, String youtubeUrl, String accessKey, String secretKey) {
        return new JobInput(youtubeUrl, null, "req-1", "bucket", "t/", "https://s3.example.com", accessKey,
                secretKey, "en", null, formats, false, true, 5, null, null, 42, 2, 7);
    }

    @Test
    void srtIsAlwaysFirstAndPresent() {
        assertEquals(List.of("srt"), List.copyOf(input(null, "https://a.example", null, null).formats()));
        assertEquals(List.of("srt", "vtt", "json"),
                List.copyOf(input(new java.util.LinkedHashSet<>(List.of("vtt", "srt", "json")), "https://a.example", null, null).formats()));
        assertThrows(UnsupportedOperationException.class,
                () -> input(Set.of(), "https://a.example", null, null).formats().add("txt"));
    }

    @Test
    void missingTaskMeansTranscribe() {
        assertEquals(JobInput.Task.TRANSCRIBE, input(null, "https://a.example", null, null).task());
    }

    @Test
    void toStringHidesCredentialsAndUrlPasswords() {
        String text = input(null, "https://joe:hunter2@videos.example/v/1", "AKIAEXAMPLE123", "wJalrXUtnFEMI").toString();
        assertFalse(text.contains("AKIAEXAMPLE123"), text);
        assertFalse(text.contains("wJalrXUtnFEMI"), text);
        assertFalse(text.contains("hunter2"), text);
        assertTrue(text.contains("awsAccessKey=***, awsSecretKey=***"), text);
        assertTrue(text.contains("youtubeUrl=\"https://***@videos.example/v/1\""), text);
        assertTrue(text.contains("requestId=req-1"), text);
        assertTrue(input(null, "https://a.example", null, null).toString().contains("awsAccessKey=null, awsSecretKey=null"));
    }

    @Test
    void fileNameIsRequestIdAndFormat() {
        assertEquals("req-1.srt", input(null, "https://a.example", null, null).fileName("srt"));
    }
}
