package com.ytwhisper.worker.pipeline;

import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.subtitles.SubtitleLayout;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A job's {@code input}, checked by {@link JobInputParser} and split into the parts the pipeline
 * hands on: where the media is, where the results go, how to transcribe and how to cut subtitles.
 * Storage fields the job does not give are null in {@link #storage}, so the worker's environment
 * settings apply.
 *
 * @param source        the media address and the field that gave it
 * @param requestId     the caller's id (the Runpod job id when not given); names the output files
 * @param storage       the job's own {@code s3_*} and {@code aws_*} fields
 * @param transcription how to transcribe, as the job asked
 * @param layout        how to cut subtitle cues
 * @param formats       subtitle formats to write, {@link SubtitleFormat#SRT} first and always
 *                      present, then in the order asked (the order of the output's fields)
 * @param cache         whether a cached transcript of the same media and options may be used
 *                      (false: transcribe afresh and refresh the cache entry)
 */
public record JobInput(Source source, String requestId, StorageRequest storage, TranscriptionInput transcription,
                       SubtitleLayout layout, Set<SubtitleFormat> formats, boolean cache) {

    public JobInput {
        // a LinkedHashSet, not an EnumSet: the output lists the formats in the order asked
        LinkedHashSet<SubtitleFormat> withSrt = new LinkedHashSet<>();
        withSrt.add(SubtitleFormat.SRT);
        if (formats != null) {
            withSrt.addAll(formats);
        }
        formats = Collections.unmodifiableSet(withSrt);
    }

    /** The object's name under the key prefix, e.g. {@code job-1.srt}. */
    public String fileName(SubtitleFormat format) {
        return requestId + "." + format.extension();
    }

    /**
     * The media to transcribe.
     *
     * @param field {@code youtube_url} or {@code audio_url}, for error messages
     * @param url   a video page URL for yt-dlp, a direct media URL or {@code s3://bucket/key}
     */
    public record Source(String field, String url) {

        /** Hides a password inside the URL. */
        @Override
        public String toString() {
            return field + "=" + ValueText.quoteUrl(url);
        }
    }
}
