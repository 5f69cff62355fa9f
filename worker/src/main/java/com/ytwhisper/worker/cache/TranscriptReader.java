package com.ytwhisper.worker.cache;

import com.fasterxml.jackson.databind.JsonNode;
import com.ytwhisper.worker.shared.Json;
import com.ytwhisper.worker.transcript.Segment;
import com.ytwhisper.worker.transcript.Transcript;
import com.ytwhisper.worker.transcript.TranscriptInfo;
import com.ytwhisper.worker.transcript.Word;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a transcript back from the JSON form that {@code subtitles.JsonWriter} writes (the cache
 * entry): every field the writer puts, checked, so a damaged entry is refused rather than rendered.
 */
final class TranscriptReader {


    private TranscriptReader() {
    }

    /** @throws IllegalArgumentException saying what is wrong when the bytes are not such a transcript */
    static Transcript read(byte[] bytes) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (IOException e) {
            throw new IllegalArgumentException("not JSON (" + e.getClass().getSimpleName() + ")");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        TranscriptInfo info = new TranscriptInfo(optionalText(root, "language"),
                optionalNumber(root, "language_probability"), number(root, "duration"),
                text(root, "engine"), optionalText(root, "model"));
        JsonNode segments = root.get("segments");
        if (segments == null || !segments.isArray()) {
            throw new IllegalArgumentException("\"segments\" is not an array");
        }
        List<Segment> read = new ArrayList<>(segments.size());
        for (JsonNode s : segments) {
            JsonNode words = s.get("words");
            if (words == null || !words.isArray()) {
                throw new IllegalArgumentException("a segment's \"words\" is not an array");
            }
            List<Word> w = new ArrayList<>(words.size());
            for (JsonNode word : words) {
                w.add(new Word(number(word, "start"), number(word, "end"), text(word, "word"),
                        optionalNumber(word, "probability")));
            }
            read.add(new Segment(number(s, "start"), number(s, "end"), text(s, "text"), w,
                    optionalNumber(s, "avg_logprob"), optionalNumber(s, "no_speech_prob")));
        }
        return new Transcript(info, read);
    }

    private static double number(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a number");
        }
        return value.doubleValue();
    }

    private static Double optionalNumber(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : number(node, field);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        if (value == null || !value.isTextual()) {
            throw new IllegalArgumentException("\"" + field + "\" is not a string");
        }
        return value.textValue();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(node, field);
    }
}
