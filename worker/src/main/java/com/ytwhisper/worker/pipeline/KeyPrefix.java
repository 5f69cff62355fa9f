package com.ytwhisper.worker.pipeline;

/**
 * Checks {@code s3_key_prefix}: keys are relative paths under the bucket (or the local output
 * folder), so a prefix must not climb out of it or be read as an absolute path.
 */
final class KeyPrefix {

    private KeyPrefix() {
    }

    /** The prefix, or null when it is not given or breaks a rule (the problem is recorded). */
    static String check(InputReader in, String field, int maxLength) {
        String prefix = in.string(field, maxLength);
        if (prefix == null) {
            return null;
        }
        String problem = null;
        if (prefix.startsWith("/")) {
            problem = "must not start with '/' (write it relative, e.g. \"transcriptions/\")";
        } else if (prefix.indexOf('\\') >= 0) {
            problem = "must not contain '\\'; separate folders with '/'";
        } else if (prefix.chars().anyMatch(Character::isISOControl)) {
            problem = "must not contain control characters";
        } else if (hasDotSegment(prefix)) {
            problem = "must not contain \".\" or \"..\" path segments";
        }
        if (problem != null) {
            in.problem(field, problem + ", got " + ValueText.quote(prefix));
            return null;
        }
        return prefix;
    }

    private static boolean hasDotSegment(String prefix) {
        for (String segment : prefix.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
