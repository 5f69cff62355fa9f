package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a job in the official {@code runpod-workers/worker-faster_whisper} schema
 * ({@code src/rp_schema.py}, defaults as there) into an {@link OfficialInput}, or fails with one
 * {@link InvalidInputException} listing every problem. A job is in that schema when it names any
 * field only that schema has ({@link #applies}); mixing in this worker's own fields is refused.
 */
public final class OfficialInputParser {

    static final String AUDIO = "audio";
    static final String AUDIO_BASE64 = "audio_base64";
    static final String MODEL = "model";
    static final String TRANSCRIPTION = "transcription";
    static final String TRANSLATE = "translate";
    static final String TRANSLATION = "translation";
    static final String SUPPRESS_TOKENS = "suppress_tokens";
    static final String CONDITION_ON_PREVIOUS_TEXT = "condition_on_previous_text";
    static final String ENABLE_VAD = "enable_vad";

    /**
     * Most characters {@code audio_base64} may have: 10 MB, Runpod's limit for a {@code /run}
     * request (and this worker's local API body limit), about 7.5 MB of audio.
     */
    public static final int MAX_AUDIO_BASE64_CHARS = 10_000_000;

    /**
     * The official decoding fields whose value this worker cannot set per job, with the official
     * default, which is also what this worker decodes with (faster-whisper's temperature fallback
     * 0, 0.2, ... 1.0, best_of 5, patience 1, and the image's thresholds).
     */
    static final Map<String, Double> FIXED_DECODING = fixedDecoding();

    /** The fields both schemas share, with the same meaning. */
    static final Set<String> SHARED = Set.of(JobInputParser.LANGUAGE, JobInputParser.BEAM_SIZE,
            JobInputParser.INITIAL_PROMPT, JobInputParser.WORD_TIMESTAMPS);

    /** Every field of the official schema. */
    static final Set<String> FIELDS = fields();

    /** Fields only the official schema has: any of them selects it. */
    static final Set<String> OFFICIAL_ONLY = without(FIELDS, SHARED);

    /** This worker's own fields, which an official-schema job must not carry. */
    static final Set<String> OURS_ONLY = without(JobInputParser.KNOWN_FIELDS, SHARED);

    /** What an official-schema user writes instead of one of this worker's own fields. */
    private static final Map<String, String> OFFICIAL_NAME_FOR = Map.of(
            JobInputParser.YOUTUBE_URL, AUDIO, JobInputParser.AUDIO_URL, AUDIO,
            JobInputParser.VAD_FILTER, ENABLE_VAD, JobInputParser.TASK, TRANSLATE + ": true",
            JobInputParser.FORMATS, TRANSCRIPTION);

    private OfficialInputParser() {
    }

    /** Whether the input is in the official schema (names a field only that schema has). */
    public static boolean applies(JsonNode input) {
        if (input == null || !input.isObject()) {
            return false;
        }
        for (String field : OFFICIAL_ONLY) {
            if (input.has(field)) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param servedModel the model the engine loaded, e.g. {@code large-v3}
     */
    public static OfficialInput parse(JsonNode input, String jobId, String servedModel, boolean ignoreUnknown) {
        InputReader in = new InputReader(input);
        refuseMixing(in, input);

        String audio = UrlShape.check(in, AUDIO, true);
        String audioBase64 = audioBase64(in);
        if (!in.given(AUDIO) && !in.given(AUDIO_BASE64)) {
            in.problem(AUDIO, "required (or give " + AUDIO_BASE64 + ")");
        } else if (in.given(AUDIO) && in.given(AUDIO_BASE64)) {
            in.problem(AUDIO + ", " + AUDIO_BASE64, "give one of them, not both");
        }
        model(in, servedModel);
        OfficialInput.TextFormat transcription = format(in, TRANSCRIPTION);
        Boolean translate = in.bool(TRANSLATE);
        OfficialInput.TextFormat translation = format(in, TRANSLATION);
        String language = JobInputParser.language(in);
        Integer beamSize = in.integer(JobInputParser.BEAM_SIZE, 1, 10);
        String initialPrompt = in.string(JobInputParser.INITIAL_PROMPT, JobInputParser.MAX_PROMPT);
        Boolean wordTimestamps = in.bool(JobInputParser.WORD_TIMESTAMPS);
        Boolean enableVad = in.bool(ENABLE_VAD);
        // accepted and ignored, as the official worker does (it always passes [-1] to the engine)
        in.string(SUPPRESS_TOKENS, JobInputParser.MAX_OTHER);
        // accepted; the engine keeps its guard (no conditioning), see README
        in.bool(CONDITION_ON_PREVIOUS_TEXT);
        fixedDecoding(in);

        ObjectNode rest = input.deepCopy();
        rest.remove(OURS_ONLY); // already refused above as mixing, not as unknown
        UnknownFields.check(in, rest, FIELDS, jobId, ignoreUnknown, !in.given(AUDIO) && !in.given(AUDIO_BASE64));

        if (!in.problems().isEmpty()) {
            throw new InvalidInputException(in.problems(), jobId);
        }
        return new OfficialInput(audio, audioBase64, transcription, Boolean.TRUE.equals(translate), translation,
                language, beamSize == null ? TranscriptionInput.DEFAULT_BEAM_SIZE : beamSize, initialPrompt,
                Boolean.TRUE.equals(wordTimestamps), Boolean.TRUE.equals(enableVad));
    }

    /** The audio bytes of a parsed {@code audio_base64} (a {@code data:...;base64,} prefix allowed). */
    static byte[] decode(String audioBase64) {
        int comma = audioBase64.startsWith("data:") ? audioBase64.indexOf(',') : -1;
        return Base64.getMimeDecoder().decode(audioBase64.substring(comma + 1));
    }

    private static void refuseMixing(InputReader in, JsonNode input) {
        String official = OFFICIAL_ONLY.stream().filter(input::has).sorted().findFirst().orElse(AUDIO);
        input.fieldNames().forEachRemaining(field -> {
            if (OURS_ONLY.contains(field)) {
                String instead = OFFICIAL_NAME_FOR.get(field);
                in.problem(field, "belongs to this worker's own schema, but " + ValueText.quote(official)
                        + " makes this a job in the official worker-faster_whisper schema; one job uses one schema"
                        + (instead == null ? " (see README, Job input)" : " (there it is " + instead + ")"));
            }
        });
    }

    private static String audioBase64(InputReader in) {
        if (!in.given(AUDIO_BASE64)) {
            return null;
        }
        JsonNode value = in.value(AUDIO_BASE64);
        if (!value.isTextual()) {
            in.problem(AUDIO_BASE64, "must be a string of base64, got " + ValueText.kind(value));
            return null;
        }
        String text = value.textValue();
        if (text.length() > MAX_AUDIO_BASE64_CHARS) {
            in.problem(AUDIO_BASE64, "is " + text.length() + " characters; the cap is " + MAX_AUDIO_BASE64_CHARS
                    + " (10 MB, Runpod's /run request limit, about 7.5 MB of audio): give a URL in audio instead");
            return null;
        }
        try {
            if (decode(text).length == 0) {
                in.problem(AUDIO_BASE64, "holds no audio");
                return null;
            }
        } catch (IllegalArgumentException e) {
            in.problem(AUDIO_BASE64, "is not valid base64 (" + e.getMessage() + ")");
            return null;
        }
        return text;
    }

    private static void model(InputReader in, String servedModel) {
        String model = in.string(MODEL, JobInputParser.MAX_OTHER);
        if (model == null || servedModel == null || model.equalsIgnoreCase(servedModel)) {
            return;
        }
        in.problem(MODEL, "this worker serves " + servedModel + ", set by WORKER_MODEL; got " + ValueText.quote(model)
                + " (leave model out, or send \"" + servedModel + "\")");
    }

    private static OfficialInput.TextFormat format(InputReader in, String field) {
        String name = in.string(field, JobInputParser.MAX_OTHER);
        if (name == null) {
            return OfficialInput.TextFormat.PLAIN_TEXT;
        }
        for (OfficialInput.TextFormat format : OfficialInput.TextFormat.values()) {
            if (format.wireName().equalsIgnoreCase(name)) {
                return format;
            }
        }
        in.problem(field, "must be \"plain_text\", \"formatted_text\", \"srt\" or \"vtt\", got " + ValueText.quote(name));
        return null;
    }

    private static void fixedDecoding(InputReader in) {
        FIXED_DECODING.forEach((field, official) -> {
            Double value = in.decimal(field, -1_000, 1_000);
            if (value != null && Math.abs(value - official) > 1e-9) {
                String text = official == Math.rint(official) ? Long.toString(official.longValue()) : official.toString();
                in.problem(field, "only the official default " + text + " is accepted: this worker's decoding "
                        + "settings are fixed by its image (they include large-v3's guards against repetition "
                        + "loops), so another value would be silently ignored; leave " + field + " out");
            }
        });
    }

    private static Map<String, Double> fixedDecoding() {
        Map<String, Double> fixed = new LinkedHashMap<>();
        fixed.put("temperature", 0.0);
        fixed.put("best_of", 5.0);
        fixed.put("patience", 1.0);
        fixed.put("length_penalty", 0.0);
        fixed.put("temperature_increment_on_fallback", 0.2);
        fixed.put("compression_ratio_threshold", 2.4);
        fixed.put("logprob_threshold", -1.0);
        fixed.put("no_speech_threshold", 0.6);
        return java.util.Collections.unmodifiableMap(fixed);
    }

    private static Set<String> fields() {
        Set<String> all = new LinkedHashSet<>(List.of(AUDIO, AUDIO_BASE64, MODEL, TRANSCRIPTION, TRANSLATE, TRANSLATION,
                SUPPRESS_TOKENS, CONDITION_ON_PREVIOUS_TEXT, ENABLE_VAD));
        all.addAll(FIXED_DECODING.keySet());
        all.addAll(SHARED);
        return Set.copyOf(all);
    }

    private static Set<String> without(Set<String> all, Set<String> removed) {
        Set<String> rest = new LinkedHashSet<>(all);
        rest.removeAll(removed);
        return Set.copyOf(rest);
    }
}
