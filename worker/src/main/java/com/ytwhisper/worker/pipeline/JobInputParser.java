package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.worker.storage.StorageException;
import com.ytwhisper.worker.storage.StorageRequest;
import com.ytwhisper.worker.subtitles.SubtitleFormat;
import com.ytwhisper.worker.subtitles.SubtitleLayout;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns a job's {@code input} into a {@link JobInput} and its parts, or fails with one
 * {@link InvalidInputException} that lists every problem by field. URLs are checked for shape
 * only; which addresses a job may reach is the download package's policy.
 */
public final class JobInputParser {

    static final String YOUTUBE_URL = "youtube_url";
    static final String AUDIO_URL = "audio_url";
    static final String REQUEST_ID = "request_id";
    static final String S3_BUCKET = "s3_bucket";
    static final String S3_KEY_PREFIX = "s3_key_prefix";
    static final String S3_ENDPOINT_URL = "s3_endpoint_url";
    static final String AWS_ACCESS_KEY = "aws_access_key";
    static final String AWS_SECRET_KEY = "aws_secret_key";
    static final String LANGUAGE = "language";
    static final String TASK = "task";
    static final String FORMATS = "formats";
    static final String WORD_TIMESTAMPS = "word_timestamps";
    static final String VAD_FILTER = "vad_filter";
    static final String BEAM_SIZE = "beam_size";
    static final String INITIAL_PROMPT = "initial_prompt";
    static final String BATCH_SIZE = "batch_size";
    static final String MAX_LINE_CHARS = "max_line_chars";
    static final String MAX_LINES = "max_lines";
    static final String MAX_CUE_SECONDS = "max_cue_seconds";
    static final String CACHE = "cache";

    /** Every field a job may send. */
    static final Set<String> KNOWN_FIELDS = Set.of(YOUTUBE_URL, AUDIO_URL, REQUEST_ID, S3_BUCKET,
            S3_KEY_PREFIX, S3_ENDPOINT_URL, AWS_ACCESS_KEY, AWS_SECRET_KEY, LANGUAGE, TASK, FORMATS,
            WORD_TIMESTAMPS, VAD_FILTER, BEAM_SIZE, INITIAL_PROMPT, BATCH_SIZE, MAX_LINE_CHARS,
            MAX_LINES, MAX_CUE_SECONDS, CACHE);

    static final int MAX_URL = 4096;
    /**
     * Whisper reads at most 223 prompt tokens ({@code max_length // 2 - 1} in faster-whisper's
     * {@code get_prompt}); 600 characters of English names and spellings stay under that. The
     * engine counts the tokens and refuses a prompt that still does not fit (other scripts).
     */
    static final int MAX_PROMPT = 600;
    static final int MAX_KEY_PREFIX = 512;
    static final int MAX_OTHER = 256;
    static final int MAX_REQUEST_ID = 128;
    private static final int MAX_FORMAT_ENTRIES = 16;

    private static final Pattern REQUEST_ID_CHARS = Pattern.compile("[A-Za-z0-9._-]{1,128}");
    private static final Pattern BUCKET = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final Pattern LANGUAGE_CODE = Pattern.compile("[A-Za-z]{2,3}");
    private static final String ID_RULE = "1-128 letters, digits, '.', '_' or '-'";

    private JobInputParser() {
    }

    /**
     * @param input         the job's {@code input}, any JSON value
     * @param jobId         the platform's job id, the default {@code request_id}
     * @param ignoreUnknown {@code WORKER_IGNORE_UNKNOWN_INPUT}: log unknown fields instead of refusing them
     */
    public static JobInput parse(JsonNode input, String jobId, boolean ignoreUnknown) {
        return parse(input, jobId, ignoreUnknown, false);
    }

    /** @param localFiles whether {@code audio_url} may be {@code file:///path} (test-input and local-API modes) */
    public static JobInput parse(JsonNode input, String jobId, boolean ignoreUnknown, boolean localFiles) {
        if (input == null || !input.isObject()) {
            throw new InvalidInputException(List.of("input: must be a JSON object such as "
                    + "{\"youtube_url\": \"https://...\"}, got " + (input == null ? "nothing" : ValueText.of(input))),
                    usableId(jobId));
        }
        InputReader in = new InputReader(input);

        String youtubeUrl = UrlShape.check(in, YOUTUBE_URL, false,
                localFiles ? UrlShape.LocalFiles.ALLOWED : UrlShape.LocalFiles.REFUSED);
        String audioUrl = UrlShape.check(in, AUDIO_URL, true,
                localFiles ? UrlShape.LocalFiles.ALLOWED : UrlShape.LocalFiles.REFUSED);
        if (!in.given(YOUTUBE_URL) && !in.given(AUDIO_URL)) {
            in.problem(YOUTUBE_URL, "required (or give " + AUDIO_URL + ")");
        } else if (in.given(YOUTUBE_URL) && in.given(AUDIO_URL)) {
            in.problem(YOUTUBE_URL + ", " + AUDIO_URL, "give one of them, not both");
        }
        String requestId = requestId(in, jobId);
        String bucket = bucket(in);
        String keyPrefix = KeyPrefix.check(in, S3_KEY_PREFIX, MAX_KEY_PREFIX);
        String endpoint = UrlShape.check(in, S3_ENDPOINT_URL, false, UrlShape.LocalFiles.NOT_APPLICABLE);
        String accessKey = credential(in, AWS_ACCESS_KEY, AWS_SECRET_KEY);
        String secretKey = credential(in, AWS_SECRET_KEY, AWS_ACCESS_KEY);
        String language = language(in);
        TranscriptionInput.Task task = task(in);
        Set<SubtitleFormat> formats = formats(in);
        Boolean wordTimestamps = in.bool(WORD_TIMESTAMPS);
        Boolean vadFilter = in.bool(VAD_FILTER);
        Integer beamSize = in.integer(BEAM_SIZE, 1, 10);
        String initialPrompt = prompt(in);
        Integer batchSize = in.integer(BATCH_SIZE, 1, 64);
        Integer maxLineChars = in.integer(MAX_LINE_CHARS, 10, 200);
        Integer maxLines = in.integer(MAX_LINES, 1, 5);
        Double maxCueSeconds = in.decimal(MAX_CUE_SECONDS, 1, 30);
        Boolean cache = in.bool(CACHE);
        UnknownFields.check(in, input, KNOWN_FIELDS, jobId, ignoreUnknown, !in.given(YOUTUBE_URL) && !in.given(AUDIO_URL));

        if (!in.problems().isEmpty()) {
            throw new InvalidInputException(in.problems(), requestId);
        }
        JobInput.Source source = youtubeUrl != null ? new JobInput.Source(YOUTUBE_URL, youtubeUrl)
                : new JobInput.Source(AUDIO_URL, audioUrl);
        TranscriptionInput transcription = new TranscriptionInput(language, task, Boolean.TRUE.equals(wordTimestamps),
                orDefault(vadFilter, TranscriptionInput.DEFAULT_VAD_FILTER),
                orDefault(beamSize, TranscriptionInput.DEFAULT_BEAM_SIZE), initialPrompt, batchSize);
        SubtitleLayout layout = new SubtitleLayout(orDefault(maxLineChars, SubtitleLayout.DEFAULT.maxLineChars()),
                orDefault(maxLines, SubtitleLayout.DEFAULT.maxLines()),
                orDefault(maxCueSeconds, SubtitleLayout.DEFAULT.maxCueSeconds()));
        return new JobInput(source, requestId, storage(bucket, keyPrefix, endpoint, accessKey, secretKey, requestId),
                transcription, layout, formats, orDefault(cache, true));
    }

    /**
     * The job's storage fields; the storage package may still refuse a value the checks above
     * let through (an endpoint with user info, a query or no host name), in its own words.
     */
    private static StorageRequest storage(String bucket, String keyPrefix, String endpoint, String accessKey,
                                          String secretKey, String requestId) {
        try {
            return StorageRequest.fromJob(bucket, keyPrefix, endpoint, accessKey, secretKey);
        } catch (StorageException e) {
            throw InvalidInputException.refusedStorage(e, requestId);
        }
    }

    private static String prompt(InputReader in) {
        JsonNode given = in.value(INITIAL_PROMPT);
        if (given != null && given.isTextual() && given.textValue().length() > MAX_PROMPT) {
            in.problem(INITIAL_PROMPT, "must be at most " + MAX_PROMPT + " characters, got " + given.textValue().length()
                    + ": Whisper reads only about 223 tokens of a prompt (about " + MAX_PROMPT
                    + " characters of English); keep the names and spellings that matter");
            return null;
        }
        return in.string(INITIAL_PROMPT, Integer.MAX_VALUE);
    }

    private static String requestId(InputReader in, String jobId) {
        if (!in.given(REQUEST_ID)) {
            if (usableId(jobId) == null) {
                in.problem(REQUEST_ID, "not given, and the job id " + (jobId == null ? "is missing" : ValueText.quote(jobId)
                        + " cannot name the output files") + "; give a request_id of " + ID_RULE);
            }
            return usableId(jobId);
        }
        // the prototype formatted whatever it got into the key (docs/prototype-contract.md, Job
        // output), so numeric ids keep working
        JsonNode given = in.value(REQUEST_ID);
        String id = given.isIntegralNumber() ? given.asText() : in.string(REQUEST_ID, MAX_REQUEST_ID);
        if (id == null) {
            return null;
        }
        if (!REQUEST_ID_CHARS.matcher(id).matches()) {
            in.problem(REQUEST_ID, "must be " + ID_RULE + " (it names the output files), got " + ValueText.quote(id));
            return null;
        }
        if (id.equals(".") || id.equals("..")) {
            in.problem(REQUEST_ID, "must not be \".\" or \"..\" (it names the output files)");
            return null;
        }
        return id;
    }

    /** The id when it could serve as a request id, else null. */
    private static String usableId(String id) {
        boolean usable = id != null && id.length() <= MAX_REQUEST_ID && REQUEST_ID_CHARS.matcher(id).matches()
                && !id.equals(".") && !id.equals("..");
        return usable ? id : null;
    }

    private static String bucket(InputReader in) {
        String bucket = in.string(S3_BUCKET, MAX_OTHER);
        if (bucket != null && !BUCKET.matcher(bucket).matches()) {
            in.problem(S3_BUCKET, "must be a bucket name (letters, digits, '.', '_' and '-', starting with a letter "
                    + "or digit), got " + ValueText.quote(bucket));
            return null;
        }
        return bucket;
    }

    /** One of the two job credentials; they come as a pair or not at all. */
    private static String credential(InputReader in, String field, String partner) {
        String value = in.secret(field, MAX_OTHER);
        if (value != null && value.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            in.problem(field, "must not contain spaces or line breaks (check what was pasted)");
            value = null;
        }
        if (!in.given(field) && in.given(partner)) {
            in.problem(field, "required when " + partner + " is given (give both, or neither to use the "
                    + "worker's AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY)");
        }
        return value;
    }

    static String language(InputReader in) {
        String language = in.string(LANGUAGE, MAX_OTHER);
        if (language == null || language.equalsIgnoreCase("auto")) {
            return null;
        }
        if (!LANGUAGE_CODE.matcher(language).matches()) {
            in.problem(LANGUAGE, "must be a language code such as \"en\", \"de\", \"zh\" or \"yue\", or \"auto\" "
                    + "to detect it, got " + ValueText.quote(language));
            return null;
        }
        return language.toLowerCase(Locale.ROOT);
    }

    private static TranscriptionInput.Task task(InputReader in) {
        String task = in.string(TASK, MAX_OTHER);
        if (task == null) {
            return TranscriptionInput.Task.TRANSCRIBE;
        }
        for (TranscriptionInput.Task known : TranscriptionInput.Task.values()) {
            if (known.wireName().equalsIgnoreCase(task)) {
                return known;
            }
        }
        in.problem(TASK, "must be \"transcribe\" or \"translate\" (to English), got " + ValueText.quote(task));
        return null;
    }

    /** The asked formats in the order asked (the output's order); the names are {@link SubtitleFormat}'s. */
    private static Set<SubtitleFormat> formats(InputReader in) {
        Set<SubtitleFormat> formats = new LinkedHashSet<>();
        List<JsonNode> items = in.array(FORMATS, MAX_FORMAT_ENTRIES, "[\"srt\", \"vtt\"]");
        if (items == null) {
            return formats;
        }
        String choices = SubtitleFormat.extensions();
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String name = item.isTextual() ? item.textValue().toLowerCase(Locale.ROOT) : null;
            Optional<SubtitleFormat> format = name == null ? Optional.empty() : SubtitleFormat.ofExtension(name);
            if (name == null) {
                in.problem(FORMATS + "[" + i + "]", "must be a string, one of " + choices + ", got " + ValueText.of(item));
            } else if (format.isEmpty()) {
                in.problem(FORMATS + "[" + i + "]", "unknown format " + ValueText.quote(item.textValue())
                        + "; choose from " + choices);
            } else {
                formats.add(format.get());
            }
        }
        return formats;
    }

    private static <T> T orDefault(T value, T fallback) {
        return value != null ? value : fallback;
    }
}
