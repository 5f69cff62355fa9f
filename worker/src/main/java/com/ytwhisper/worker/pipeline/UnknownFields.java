package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * Refuses input fields the worker does not know (a typo would otherwise silently fall back to
 * a default), or logs and ignores them when {@code WORKER_IGNORE_UNKNOWN_INPUT=true}.
 */
final class UnknownFields {

    private static final Logger LOG = Logger.getLogger(UnknownFields.class);
    private static final int MAX_LISTED = 10;
    private static final int MAX_TYPO_DISTANCE = 3;

    private UnknownFields() {
    }

    /**
     * Other schemas' names for fields of ours (lower case, {@code -} as {@code _}): OpenAI's
     * transcription API, Runpod's {@code s3Config}, yt-dlp and Hugging Face habits.
     */
    private static final Map<String, String> OTHER_NAMES = Map.ofEntries(
            Map.entry("url", "youtube_url"), Map.entry("video_url", "youtube_url"), Map.entry("link", "youtube_url"),
            Map.entry("video", "youtube_url"),
            Map.entry("file", "audio_url"), Map.entry("file_url", "audio_url"), Map.entry("media_url", "audio_url"),
            Map.entry("prompt", "initial_prompt"),
            Map.entry("response_format", "formats"), Map.entry("output_format", "formats"), Map.entry("format", "formats"),
            Map.entry("timestamp_granularities", "word_timestamps"),
            Map.entry("vad", "vad_filter"),
            Map.entry("bucket", "s3_bucket"), Map.entry("bucketname", "s3_bucket"), Map.entry("bucket_name", "s3_bucket"),
            Map.entry("endpointurl", "s3_endpoint_url"), Map.entry("endpoint_url", "s3_endpoint_url"),
            Map.entry("accessid", "aws_access_key"), Map.entry("aws_access_key_id", "aws_access_key"),
            Map.entry("accesssecret", "aws_secret_key"), Map.entry("aws_secret_access_key", "aws_secret_key"),
            Map.entry("key_prefix", "s3_key_prefix"), Map.entry("prefix", "s3_key_prefix"),
            Map.entry("lang", "language"), Map.entry("source_language", "language"),
            Map.entry("num_beams", "beam_size"), Map.entry("id", "request_id"),
            Map.entry("audio_file", "audio_url"));

    static void check(InputReader in, JsonNode input, Set<String> known, String jobId, boolean ignore) {
        check(in, input, known, jobId, ignore, false);
    }

    /**
     * @param requiredMissing a required field is missing: then ignoring unknown fields could not
     *                        save the job, so the message does not suggest it
     */
    static void check(InputReader in, JsonNode input, Set<String> known, String jobId, boolean ignore,
                      boolean requiredMissing) {
        List<String> unknown = new ArrayList<>();
        input.fieldNames().forEachRemaining(name -> {
            if (!known.contains(name)) {
                unknown.add(name);
            }
        });
        if (unknown.isEmpty()) {
            return;
        }
        List<String> listed = unknown.subList(0, Math.min(unknown.size(), MAX_LISTED));
        String more = unknown.size() > listed.size() ? " and " + (unknown.size() - listed.size()) + " more" : "";
        if (ignore) {
            LOG.warnf("job %s: ignoring unknown input fields %s%s (WORKER_IGNORE_UNKNOWN_INPUT=true)", jobId,
                    String.join(", ", listed.stream().map(ValueText::quote).toList()), more);
            return;
        }
        for (int i = 0; i < listed.size(); i++) {
            String name = listed.get(i);
            String guess = closest(name, known);
            String text = "unknown field" + (guess == null ? "" : ", did you mean " + guess + "?");
            if (i == listed.size() - 1) {
                text += more + (requiredMissing ? " (remove unknown fields)"
                        : " (remove unknown fields, or set WORKER_IGNORE_UNKNOWN_INPUT=true to ignore them)");
            }
            in.problem(ValueText.quote(name), text);
        }
    }

    /** The known name a typo most likely meant, or null when none is close. */
    static String closest(String name, Set<String> known) {
        if (name.length() > 40) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT).replace('-', '_');
        String ours = OTHER_NAMES.get(lower);
        if (ours != null && known.contains(ours)) {
            return ours;
        }
        String best = null;
        int bestDistance = MAX_TYPO_DISTANCE + 1;
        for (String candidate : known.stream().sorted().toList()) {
            int distance = distance(lower, candidate);
            if (distance < bestDistance) {
                best = candidate;
                bestDistance = distance;
            }
        }
        return best;
    }

    /** Levenshtein distance. */
    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
                current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
