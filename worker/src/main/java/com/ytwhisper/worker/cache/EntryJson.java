package com.ytwhisper.worker.cache;

import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.subtitles.SubtitleLayout;
import com.ytwhisper.worker.transcript.Transcript;

/** An entry's bytes: exactly what the job's {@code json} format writes (every segment and word). */
final class EntryJson {

    private EntryJson() {
    }

    static byte[] bytes(Transcript transcript) {
        return SubtitleFormat.JSON.render(transcript, null);
    }
}
