package com.ytwhisper.client.jobs;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The secret values of this run (API key, S3 credentials). Every file this client writes and every
 * message it prints passes through {@link #redact}, so a secret echoed by a server never lands on
 * disk or screen. Values shorter than 8 characters are not treated as secrets: replacing them would
 * mangle ordinary text.
 */
public final class Secrets {

    static final String MASK = "***";
    private static final int MIN_LENGTH = 8;

    private final List<String> values = new CopyOnWriteArrayList<>();

    public Secrets(List<String> values) {
        values.forEach(this::add);
    }

    public static Secrets none() {
        return new Secrets(List.of());
    }

    /** Adds a secret found later (a key read from a file); null and short values are ignored. */
    public void add(String value) {
        if (value != null && value.trim().length() >= MIN_LENGTH && !values.contains(value.trim())) {
            values.add(value.trim());
        }
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : values) {
            result = result.replace(secret, MASK);
        }
        return result;
    }
}
