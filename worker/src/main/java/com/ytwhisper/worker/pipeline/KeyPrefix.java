package com.ytwhisper.worker.pipeline;

import java.nio.charset.StandardCharsets;

/**
 * Checks {@code s3_key_prefix} before any work. A result's key is {@code prefix + request_id +
 * extension}, used as the S3 object key and, without a bucket, as a path under
 * {@code WORKER_OUTPUT_DIR}; so a prefix is a relative path of plain segments: no leading
 * {@code /}, no empty, {@code .} or {@code ..} segment, no {@code \}, no control characters, valid
 * Unicode, at most {@link #MAX_SEGMENT_BYTES} UTF-8 bytes per segment (a file name's limit) and
 * {@link JobInputParser#MAX_KEY_PREFIX} in all (S3 keys hold at most 1024 bytes).
 */
final class KeyPrefix {

    static final int MAX_SEGMENT_BYTES = 255;

    private KeyPrefix() {
    }

    /** The prefix, or null when it is not given or breaks a rule (the problem is recorded). */
    static String check(InputReader in, String field, int maxLength) {
        String prefix = in.string(field, maxLength);
        if (prefix == null) {
            return null;
        }
        String problem = problem(prefix, maxLength);
        if (problem != null) {
            in.problem(field, problem + ", got " + ValueText.quote(prefix));
            return null;
        }
        return prefix;
    }

    private static String problem(String prefix, int maxBytes) {
        if (prefix.startsWith("/")) {
            return "must not start with '/' (write it relative, e.g. \"transcriptions/\")";
        }
        if (prefix.indexOf('\\') >= 0) {
            return "must not contain '\\'; separate folders with '/'";
        }
        if (prefix.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        if (hasLoneSurrogate(prefix) || prefix.indexOf('\uFFFD') >= 0) {
            return "must be valid Unicode text (it holds a broken character; send the prefix as UTF-8)";
        }
        String[] segments = prefix.split("/", -1);
        for (int i = 0; i < segments.length; i++) {
            String segment = segments[i];
            if (segment.equals(".") || segment.equals("..")) {
                return "must not contain \".\" or \"..\" path segments";
            }
            if (segment.isEmpty() && i < segments.length - 1) {
                return "must not contain empty path segments (\"//\"); write one '/' between folders";
            }
            if (segment.getBytes(StandardCharsets.UTF_8).length > MAX_SEGMENT_BYTES) {
                return "must not have a part between '/' longer than " + MAX_SEGMENT_BYTES + " bytes in UTF-8";
            }
        }
        if (prefix.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            return "must be at most " + maxBytes + " bytes in UTF-8";
        }
        return null;
    }

    private static boolean hasLoneSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
