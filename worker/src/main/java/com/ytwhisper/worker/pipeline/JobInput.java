package com.ytwhisper.worker.pipeline;

import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A job's {@code input}, checked by {@link JobInputParser}. Field names follow the wire names
 * ({@code youtube_url} → {@link #youtubeUrl}); optional strings are null when not given, so the
 * worker's environment settings apply.
 *
 * @param youtubeUrl     video page URL for yt-dlp, or null when {@code audioUrl} is given
 * @param audioUrl       direct media URL or {@code s3://bucket/key}, or null
 * @param requestId      the caller's id (the Runpod job id when not given); names the output files
 * @param s3Bucket       target bucket, or null for {@code S3_BUCKET}
 * @param s3KeyPrefix    key prefix, e.g. {@code transcriptions/}, or null for {@code S3_KEY_PREFIX}
 * @param s3EndpointUrl  S3-compatible endpoint, or null for {@code S3_ENDPOINT_URL}
 * @param awsAccessKey   access key id, or null for the environment's
 * @param awsSecretKey   secret key, or null for the environment's; never printed
 * @param language       language code, e.g. {@code en}, or null to detect it
 * @param task           transcribe in the spoken language, or translate to English
 * @param formats        subtitle formats to write, {@code srt} first and always present
 * @param wordTimestamps whether the engine should time each word
 * @param vadFilter      whether the engine skips silence with its voice activity filter
 * @param beamSize       decoding beam size
 * @param initialPrompt  text that primes the engine (names, spelling), or null
 * @param batchSize      batched inference size, or null for unbatched decoding
 * @param maxLineChars   longest subtitle line, in characters
 * @param maxLines       most lines in one cue
 * @param maxCueSeconds  longest cue, in seconds
 * @param cache          whether a cached transcript of the same media and options may be used
 *                       (false: transcribe afresh and refresh the cache entry)
 */
public record JobInput(String youtubeUrl, String audioUrl, String requestId, String s3Bucket,
                       String s3KeyPrefix, String s3EndpointUrl, String awsAccessKey,
                       String awsSecretKey, String language, Task task, Set<String> formats,
                       boolean wordTimestamps, boolean vadFilter, int beamSize,
                       String initialPrompt, Integer batchSize, int maxLineChars, int maxLines,
                       double maxCueSeconds, boolean cache) {

    /** Every format the worker can write, in the order of the output fields. */
    public static final List<String> KNOWN_FORMATS = List.of("srt", "vtt", "json", "txt");
    /** The format that is always written (docs/prototype-contract.md, Job output). */
    public static final String SRT = "srt";

    public static final boolean DEFAULT_VAD_FILTER = true;
    public static final int DEFAULT_BEAM_SIZE = 5;
    public static final int DEFAULT_MAX_LINE_CHARS = 42;
    public static final int DEFAULT_MAX_LINES = 2;
    public static final double DEFAULT_MAX_CUE_SECONDS = 7;

    public JobInput {
        LinkedHashSet<String> withSrt = new LinkedHashSet<>();
        withSrt.add(SRT);
        if (formats != null) {
            withSrt.addAll(formats);
        }
        formats = Collections.unmodifiableSet(withSrt);
        task = task == null ? Task.TRANSCRIBE : task;
    }

    /** A job that may use the cache (the default). */
    public JobInput(String youtubeUrl, String audioUrl, String requestId, String s3Bucket, String s3KeyPrefix,
                    String s3EndpointUrl, String awsAccessKey, String awsSecretKey, String language, Task task,
                    Set<String> formats, boolean wordTimestamps, boolean vadFilter, int beamSize,
                    String initialPrompt, Integer batchSize, int maxLineChars, int maxLines, double maxCueSeconds) {
        this(youtubeUrl, audioUrl, requestId, s3Bucket, s3KeyPrefix, s3EndpointUrl, awsAccessKey, awsSecretKey,
                language, task, formats, wordTimestamps, vadFilter, beamSize, initialPrompt, batchSize, maxLineChars,
                maxLines, maxCueSeconds, true);
    }

    /** The media address this job downloads: {@code youtubeUrl} or {@code audioUrl}. */
    public String sourceUrl() {
        return youtubeUrl != null ? youtubeUrl : audioUrl;
    }

    /** The object's name under the key prefix, e.g. {@code job-1.srt}. */
    public String fileName(String format) {
        return requestId + "." + format;
    }

    /** Whisper's task. */
    public enum Task {
        TRANSCRIBE, TRANSLATE;

        /** The name on the wire and in faster-whisper, e.g. {@code translate}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** Prints every field but the credentials, and hides passwords inside URLs. */
    @Override
    public String toString() {
        return "JobInput[youtubeUrl=" + url(youtubeUrl) + ", audioUrl=" + url(audioUrl)
                + ", requestId=" + requestId + ", s3Bucket=" + s3Bucket
                + ", s3KeyPrefix=" + s3KeyPrefix + ", s3EndpointUrl=" + url(s3EndpointUrl)
                + ", awsAccessKey=" + hidden(awsAccessKey) + ", awsSecretKey=" + hidden(awsSecretKey)
                + ", language=" + language + ", task=" + task + ", formats=" + formats
                + ", wordTimestamps=" + wordTimestamps + ", vadFilter=" + vadFilter
                + ", beamSize=" + beamSize + ", initialPrompt=" + initialPrompt
                + ", batchSize=" + batchSize + ", maxLineChars=" + maxLineChars
                + ", maxLines=" + maxLines + ", maxCueSeconds=" + maxCueSeconds + ", cache=" + cache + "]";
    }

    private static String hidden(String secret) {
        return secret == null ? null : "***";
    }

    private static String url(String url) {
        return url == null ? null : ValueText.quoteUrl(url);
    }
}
