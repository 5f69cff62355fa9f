package com.ytwhisper.worker.download;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class YtDlpVersionTest {

    @Test
    void readsReleaseAndNightlyVersionsAndOrdersThemByDate() {
        assertEquals(new YtDlpVersion(2023, 3, 4), YtDlpVersion.parse("2023.03.04"));
        assertEquals(new YtDlpVersion(2023, 7, 6), YtDlpVersion.parse("2023.07.06.1"));
        assertEquals(new YtDlpVersion(2026, 8, 19), YtDlpVersion.parse("2026.08.19.232831\n"));
        assertTrue(YtDlpVersion.parse("2023.03.04").compareTo(YtDlpVersion.COOKIES_FIXED) < 0);
        assertTrue(YtDlpVersion.parse("2023.07.05").compareTo(YtDlpVersion.COOKIES_FIXED) < 0);
        assertEquals(0, YtDlpVersion.parse("2023.07.06").compareTo(YtDlpVersion.COOKIES_FIXED));
        assertTrue(YtDlpVersion.parse("2024.01.01").compareTo(YtDlpVersion.COOKIES_FIXED) > 0);
        assertEquals("2023.07.06", YtDlpVersion.COOKIES_FIXED.toString());
    }

    @Test
    void somethingElseIsNotAVersion() {
        assertThrows(IllegalArgumentException.class, () -> YtDlpVersion.parse("yt-dlp: command not found"));
        assertThrows(IllegalArgumentException.class, () -> YtDlpVersion.parse(""));
    }
}
