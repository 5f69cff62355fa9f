package com.ytwhisper.worker.pipeline;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads typed fields from a job's {@code input} object and collects every problem instead of
 * stopping at the first. JSON null and the empty string both mean "not given" (the prototype's
 * callers send {@code ""} for unset fields). Types are strict: {@code "5"} is not a number and
 * {@code "true"} is not a boolean, and the message says how to write them.
 */
final class InputReader {

    private final JsonNode input;
    private final List<String> problems = new ArrayList<>();

    InputReader(JsonNode input) {
        this.input = input;
    }

    /** Records one problem with the field named first, e.g. {@code beam_size: must be ...}. */
    void problem(String field, String text) {
        problems.add(field + ": " + text);
    }

    List<String> problems() {
        return problems;
    }

    /** Whether the field holds something other than null or {@code ""}. */
    boolean given(String field) {
        JsonNode value = input.get(field);
        return value != null && !value.isNull() && !(value.isTextual() && value.textValue().isEmpty());
    }

    /** The raw value, a missing node when absent. */
    JsonNode value(String field) {
        return input.path(field);
    }

    /** A string of at most {@code maxLength} characters, or null when not given or wrong. */
    String string(String field, int maxLength) {
        return string(field, maxLength, false);
    }

    /** Like {@link #string} but never shows the value in a message. */
    String secret(String field, int maxLength) {
        return string(field, maxLength, true);
    }

    private String string(String field, int maxLength, boolean secret) {
        if (!given(field)) {
            return null;
        }
        JsonNode value = input.get(field);
        if (!value.isTextual()) {
            problem(field, "must be a string, got " + (secret ? ValueText.kind(value) : ValueText.of(value)));
            return null;
        }
        String text = value.textValue();
        if (text.length() > maxLength) {
            problem(field, "must be at most " + maxLength + " characters, got " + text.length());
            return null;
        }
        return text;
    }

    /** A whole number in {@code [min, max]}, or null when not given or wrong. */
    Integer integer(String field, int min, int max) {
        Double number = number(field, min, max, "a whole number");
        if (number == null) {
            return null;
        }
        if (number != Math.rint(number)) {
            problem(field, "must be a whole number from " + min + " to " + max + ", got " + ValueText.of(input.get(field)));
            return null;
        }
        return number.intValue();
    }

    /** A number in {@code [min, max]}, or null when not given or wrong. */
    Double decimal(String field, double min, double max) {
        return number(field, min, max, "a number");
    }

    private Double number(String field, double min, double max, String what) {
        if (!given(field)) {
            return null;
        }
        JsonNode value = input.get(field);
        String range = what + " from " + plain(min) + " to " + plain(max);
        if (!value.isNumber()) {
            String hint = value.isTextual() && looksNumeric(value.textValue())
                    ? " (a string: write " + value.textValue().strip() + " without quotes)" : "";
            problem(field, "must be " + range + ", got " + ValueText.of(value) + hint);
            return null;
        }
        double number = value.doubleValue();
        if (!(number >= min && number <= max)) {
            problem(field, "must be " + range + ", got " + ValueText.of(value));
            return null;
        }
        return number;
    }

    /** true or false, or null when not given or wrong. */
    Boolean bool(String field) {
        if (!given(field)) {
            return null;
        }
        JsonNode value = input.get(field);
        if (!value.isBoolean()) {
            String text = value.isTextual() ? value.textValue().strip() : "";
            String hint = text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")
                    ? " (a string: write " + text.toLowerCase(java.util.Locale.ROOT) + " without quotes)" : "";
            problem(field, "must be true or false, got " + ValueText.of(value) + hint);
            return null;
        }
        return value.booleanValue();
    }

    /** The elements of an array of at most {@code maxItems}, or null when not given or wrong. */
    List<JsonNode> array(String field, int maxItems, String example) {
        if (!given(field)) {
            return null;
        }
        JsonNode value = input.get(field);
        if (!value.isArray()) {
            problem(field, "must be an array such as " + example + ", got " + ValueText.of(value));
            return null;
        }
        if (value.size() > maxItems) {
            problem(field, "must have at most " + maxItems + " entries, got " + value.size());
            return null;
        }
        List<JsonNode> items = new ArrayList<>(value.size());
        value.forEach(items::add);
        return items;
    }

    private static boolean looksNumeric(String text) {
        return text.length() <= 32 && text.strip().matches("[-+]?\\d+(\\.\\d+)?");
    }

    private static String plain(double number) {
        return number == Math.rint(number) ? Long.toString((long) number) : Double.toString(number);
    }
}
