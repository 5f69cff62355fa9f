package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a job's value into an error message safely: one line, at most {@link #MAX_QUOTED}
 * characters of it, no URL password. Callers never pass secrets here.
 */
final class ValueText {

    static final int MAX_QUOTED = 60;

    private ValueText() {
    }

    /** What a wrong value was, e.g. {@code "x"}, {@code 12}, {@code an array}. */
    static String of(JsonNode value) {
        if (value.isTextual()) {
            return quote(value.textValue());
        }
        if (value.isNumber() || value.isBoolean()) {
            return cut(value.asText());
        }
        return kind(value);
    }

    /** The JSON type of a value, in words; used where the value itself must not be shown. */
    static String kind(JsonNode value) {
        return switch (value.getNodeType()) {
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> value.asText();
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case NULL, MISSING -> "null";
            default -> "a " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** A string in double quotes, escaped and cut to {@link #MAX_QUOTED} characters. */
    static String quote(String s) {
        String shown = cut(s);
        StringBuilder out = new StringBuilder(shown.length() + 2).append('"');
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || isLoneSurrogate(shown, i)) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
        if (shown.length() < s.length()) {
            out.append("... (").append(s.length()).append(" characters)");
        }
        return out.toString();
    }

    /** A surrogate that is not half of a pair: it cannot be written as UTF-8, so it is shown escaped. */
    private static boolean isLoneSurrogate(String s, int i) {
        char c = s.charAt(i);
        if (Character.isHighSurrogate(c)) {
            return i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1));
        }
        return Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
    }

    /** Like {@link #quote} but hides a password in {@code scheme://user:password@host}. */
    static String quoteUrl(String url) {
        int authority = url.indexOf("://");
        if (authority < 0) {
            return quote(url);
        }
        int start = authority + 3;
        int end = start;
        while (end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        int at = url.lastIndexOf('@', end - 1);
        if (at < start) {
            return quote(url);
        }
        return quote(url.substring(0, start) + "***" + url.substring(at));
    }

    /** The first {@link #MAX_QUOTED} characters, never splitting a surrogate pair. */
    private static String cut(String s) {
        if (s.length() <= MAX_QUOTED) {
            return s;
        }
        int end = MAX_QUOTED;
        if (Character.isHighSurrogate(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(0, end);
    }
}
