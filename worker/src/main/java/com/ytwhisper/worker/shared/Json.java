package com.ytwhisper.worker.shared;

import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

/**
 * The worker's one {@link ObjectMapper} for code outside CDI (the sidecar protocol, the cache, the
 * JSON subtitle format). CDI beans keep the mapper Quarkus injects, which {@code quarkus.jackson.*}
 * configures for REST as well.
 *
 * <p>Jackson's defaults otherwise: trees are read and written exactly as a plain
 * {@code new ObjectMapper()} does, so the JSON subtitle bytes and the cache-key input do not change.
 * The one setting is for data binding (only the sidecar's events use it): a scalar is taken only in
 * its own JSON type, never coerced, so {@code "2"} is not a number and {@code 2} is not a string.
 */
public final class Json {

    public static final ObjectMapper MAPPER = strictScalars();

    private Json() {
    }

    private static ObjectMapper strictScalars() {
        JsonMapper mapper = JsonMapper.builder()
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS) // no "2" -> 2.0
                .build();
        mapper.coercionConfigFor(LogicalType.Textual) // no 2, 2.5 or true -> "2", "2.5", "true"
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }
}
