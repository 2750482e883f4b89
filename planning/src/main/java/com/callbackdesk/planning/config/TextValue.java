package com.callbackdesk.planning.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;

import java.io.IOException;
import java.util.function.Function;

/**
 * A value written as text in our files (a duration, a time of day, a date, a time zone): read by
 * the one parser of that kind, and on a bad text reported through
 * {@link DeserializationContext#handleWeirdStringValue}, which {@link YamlBinding}'s collector turns
 * into {@code field.path: message} and binding goes on.
 */
final class TextValue<T> extends StdScalarDeserializer<T> {

    private final transient Function<String, T> parse;
    private final String expected;

    /**
     * @param parse    the one parser; an IllegalArgumentException's message is the problem
     * @param expected what is expected, for parsers whose exceptions do not say (e.g. "expected HH:MM")
     */
    TextValue(Class<T> type, Function<String, T> parse, String expected) {
        super(type);
        this.parse = parse;
        this.expected = expected;
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
        if (!p.currentToken().isScalarValue() || p.currentToken() == JsonToken.VALUE_NULL) {
            return (T) ctxt.handleUnexpectedToken(handledType(), p);
        }
        String text = p.getText();
        try {
            return parse.apply(text.trim());
        } catch (RuntimeException e) {
            String message = expected == null ? e.getMessage() : expected + ", was '" + text + "'";
            return (T) ctxt.handleWeirdStringValue(handledType(), text, message);
        }
    }
}
