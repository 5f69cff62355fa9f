package com.ytwhisper.worker.download;

import java.nio.file.Path;

/**
 * The audio a job transcribes: a 16 kHz mono 16-bit WAV inside the job folder.
 *
 * @param wav             the file
 * @param durationS       its length in seconds (ffprobe)
 * @param bytesDownloaded bytes received from the network (0 for a local conversion)
 */
public record DownloadedAudio(Path wav, double durationS, long bytesDownloaded) {
}
