package com.callbackdesk.http.api;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

/**
 * The API's one Jackson configuration and its one binding step: a request body bound to the
 * endpoint's request record, a response record written as docs/API.md's JSON.
 *
 * <p>Reading is strict on purpose — the API has always answered 400 for {@code "email": 42} or
 * {@code "basedOn": "1"} rather than guessing — so Jackson's coercions between JSON types are off;
 * unknown fields are ignored, as they always were. A binding failure becomes a 400 naming the
 * field from Jackson's own path, never from its message text.
 */
final class ApiJson {

    private final ObjectMapper mapper;

    ApiJson() {
        ObjectMapper m = JsonMapper.builder()
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Integer, CoercionInputShape.Float, CoercionInputShape.Boolean}) {
            m.coercionConfigFor(LogicalType.Textual).setCoercion(shape, CoercionAction.Fail);
        }
        for (CoercionInputShape shape : new CoercionInputShape[] {
                CoercionInputShape.Float, CoercionInputShape.String, CoercionInputShape.Boolean,
                CoercionInputShape.EmptyString}) {
            m.coercionConfigFor(LogicalType.Integer).setCoercion(shape, CoercionAction.Fail);
        }
        this.mapper = m;
    }

    ObjectMapper mapper() {
        return mapper;
    }

    byte[] write(Object body) throws IOException {
        return mapper.writeValueAsBytes(body);
    }

    /**
     * {@code bytes} (a JSON object) bound to {@code type}; 400 ("body") when missing, not JSON or
     * not an object, 400 naming the field when a field has the wrong JSON type.
     */
    <T> T bind(byte[] bytes, Class<T> type) {
        if (bytes.length == 0) {
            throw ApiException.badRequest("body", "a JSON object is required");
        }
        JsonNode tree;
        try {
            tree = mapper.readTree(new String(bytes, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ApiException.badRequest("body", "not valid JSON: "
                    + e.getMessage().lines().findFirst().orElse(""));
        }
        if (tree == null || !tree.isObject()) {
            throw ApiException.badRequest("body", "must be a JSON object");
        }
        try {
            return mapper.treeToValue(tree, type);
        } catch (JacksonException e) {
            throw wrongType(e);
        }
    }

    private static ApiException wrongType(JacksonException e) {
        String field = null;
        if (e instanceof JsonMappingException d && !d.getPath().isEmpty()) {
            field = d.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : Integer.toString(r.getIndex()))
                    .collect(Collectors.joining("."));
        } else if (e.getProcessor() instanceof JsonParser p) {
            try {
                field = p.currentName();
            } catch (IOException | RuntimeException ignored) {
                // no name to give: "body" below
            }
        }
        Class<?> target = targetType(e);
        String rule;
        if (target == String.class) {
            rule = "must be a string";
        } else if (target == Integer.class || target == int.class || target == Long.class || target == long.class) {
            rule = "must be a whole number";
        } else {
            rule = "has the wrong type";
        }
        return ApiException.badRequest(field == null ? "body" : field, rule);
    }

    /** The Java type Jackson was binding to when it failed (a number out of range comes wrapped). */
    private static Class<?> targetType(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof MismatchedInputException m && m.getTargetType() != null) {
                return m.getTargetType();
            }
            if (t instanceof InputCoercionException c && c.getTargetType() != null) {
                return c.getTargetType();
            }
        }
        return null;
    }
}
