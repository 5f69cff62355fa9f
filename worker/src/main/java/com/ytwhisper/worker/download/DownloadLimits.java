package com.ytwhisper.worker.download;

import java.time.Duration;
import java.util.Locale;

/**
 * What one job may fetch.
 *
 * @param maxDuration longest audio accepted ({@code WORKER_MAX_DURATION_S})
 * @param maxBytes    most bytes received from the network, or most bytes of a local input
 *                    ({@code WORKER_MAX_DOWNLOAD_BYTES})
 * @param timeout     longest a download plus conversion may run ({@code WORKER_DOWNLOAD_TIMEOUT_S})
 */
public record DownloadLimits(Duration maxDuration, long maxBytes, Duration timeout) {

    public DownloadLimits {
        if (maxDuration.toMillis() <= 0 || maxBytes <= 0 || timeout.toMillis() <= 0) {
            throw new IllegalArgumentException(
                    "WORKER_MAX_DURATION_S, WORKER_MAX_DOWNLOAD_BYTES and WORKER_DOWNLOAD_TIMEOUT_S must be positive");
        }
    }

    /** Seconds of audio accepted, for {@code --match-filters}. */
    double maxSeconds() {
        return maxDuration.toMillis() / 1000.0;
    }

    /** {@code ffmpeg -t} value: one second over the limit, so an over-long input still shows as such. */
    String ffmpegCap() {
        return seconds(maxDuration.plusSeconds(1)).replace(" s", "");
    }

    boolean exceeds(double durationS) {
        return durationS > maxSeconds();
    }

    DownloadException tooLong() {
        return new DownloadException("the audio is longer than the limit of " + seconds(maxDuration)
                + " (WORKER_MAX_DURATION_S); give a shorter video or raise WORKER_MAX_DURATION_S");
    }

    DownloadException tooBig() {
        return new DownloadException("the media is larger than the limit of " + maxBytes
                + " bytes (WORKER_MAX_DOWNLOAD_BYTES); give a smaller video or raise WORKER_MAX_DOWNLOAD_BYTES");
    }

    DownloadException tookTooLong() {
        return new DownloadException("the download took longer than " + seconds(timeout)
                + " (WORKER_DOWNLOAD_TIMEOUT_S); the source is slow or the media long: retry later, "
                + "use audio_url, or raise WORKER_DOWNLOAD_TIMEOUT_S");
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? ms / 1000 + " s" : String.format(Locale.ROOT, "%.3f s", ms / 1000.0);
    }
}
