package com.ytwhisper.client.runpod;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import com.ytwhisper.client.runpod.RunpodCallException.Kind;

/** JSON for the endpoint API: one mapper, and parse errors reported as unreadable answers. */
public final class RunpodJson {

    public static final ObjectMapper MAPPER = new ObjectMapper();

    private RunpodJson() {
    }

    static <T> T parse(String raw, Class<T> type) {
        try {
            T value = MAPPER.readValue(raw, type);
            if (value == null) {
                throw new JsonProcessingException("empty body") {
                };
            }
            return value;
        } catch (JsonProcessingException e) {
            throw RunpodCallException.of(Kind.NO_ANSWER, 200, null, raw,
                    "unreadable answer from the endpoint API: " + e.getOriginalMessage(), e);
        }
    }

    static String write(Object value) {
        try {
            return MAPPER.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    static JsonNode readTreeOrNull(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
