package com.callbackdesk.planning.config;

import com.callbackdesk.planning.config.Durations;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/**
 * How every YAML file of the desk is read — desk configuration, retry policy, business calendar,
 * what-if scenario: Jackson binds it into the file's records, and instead of stopping at the first
 * mistake each one is collected with its field path in {@link ConfigProblems} and binding goes on
 * (a bad value becomes null). Unknown keys are problems, named by path with the keys allowed there.
 * Durations are read by {@link Durations} only, times of day, dates and zones by java.time, so a
 * value reads the same in every file.
 */
public final class YamlBinding {

    private static final ObjectMapper MAPPER = configure(YAMLMapper.builder()).build();

    private YamlBinding() {
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B configure(B b) {
        SimpleModule values = new SimpleModule("callbackdesk-values");
        values.addDeserializer(Duration.class, new TextValue<>(Duration.class, Durations::parse, null));
        values.addDeserializer(LocalTime.class, new TextValue<>(LocalTime.class, YamlBinding::timeOfDay,
                "expected HH:MM"));
        values.addDeserializer(LocalDate.class, new TextValue<>(LocalDate.class, LocalDate::parse,
                "expected YYYY-MM-DD"));
        values.addDeserializer(ZoneId.class, new TextValue<>(ZoneId.class, ZoneId::of,
                "unknown time zone"));
        return b.addModule(values)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
    }

    /** {@code 9:00} and {@code 09:00} alike. */
    static LocalTime timeOfDay(String text) {
        return LocalTime.parse(text.length() == 4 ? "0" + text : text);
    }

    /** Reads YAML text into a tree; null (with a problem) when it is not YAML or not a mapping. */
    public static JsonNode tree(String yaml, String rootMustBe, ConfigProblems problems) {
        JsonNode root;
        try {
            root = MAPPER.readTree(yaml);
        } catch (JsonProcessingException e) {
            problems.add("(yaml)", "not valid YAML: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() : ""));
            return null;
        }
        if (root == null || !root.isObject()) {
            problems.add("(root)", rootMustBe);
            return null;
        }
        return root;
    }

    /**
     * Binds YAML text into {@code type}; every problem lands in {@code problems} with its path, the
     * result may then hold nulls where values were bad. Null when the text is no YAML mapping.
     *
     * @param rootMustBe what to say when the text is not a mapping, e.g. "must be a mapping of policy fields"
     */
    public static <T> T bind(String yaml, Class<T> type, String rootMustBe, ConfigProblems problems) {
        JsonNode root = tree(yaml, rootMustBe, problems);
        return root == null ? null : bind(root, "", type, problems);
    }

    /** Binds a (sub)tree whose field path is {@code at} ("" at the root). */
    public static <T> T bind(JsonNode node, String at, Class<T> type, ConfigProblems problems) {
        return bind(node, at, type, problems, true);
    }

    /**
     * The same; {@code nameAllowedKeys} false says only "unknown field" (a what-if scenario, whose
     * nested sections are documented field by field in docs/WHAT-IF.md).
     */
    public static <T> T bind(JsonNode node, String at, Class<T> type, ConfigProblems problems, boolean nameAllowedKeys) {
        try {
            return MAPPER.readerFor(type).withHandler(new Collector(problems, at, nameAllowedKeys))
                    .readValue(MAPPER.treeAsTokens(node));
        } catch (IOException e) {
            problems.add(at, rootMessage(e));
            return null;
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t instanceof JsonProcessingException j ? j.getOriginalMessage() : t.getMessage();
    }

    /** The field path of where the parser stands: {@code personas[2].selfResolves.within}. */
    static String pathOf(JsonStreamContext context, String prefix) {
        List<String> parts = new ArrayList<>();
        for (JsonStreamContext c = context; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inArray()) {
                parts.add("[" + Math.max(c.getCurrentIndex(), 0) + "]");
            } else if (c.getCurrentName() != null) {
                parts.add("." + c.getCurrentName());
            }
        }
        Collections.reverse(parts);
        String path = prefix == null ? "" : prefix;
        for (String part : parts) {
            path = path.isEmpty() && part.startsWith(".") ? part.substring(1) : path + part;
        }
        return path;
    }

    /** Turns each of Jackson's problems into a line of {@link ConfigProblems} and lets binding go on. */
    private static final class Collector extends DeserializationProblemHandler {
        private final ConfigProblems problems;
        private final String prefix;

        private final boolean nameAllowedKeys;

        Collector(ConfigProblems problems, String prefix, boolean nameAllowedKeys) {
            this.problems = problems;
            this.prefix = prefix;
            this.nameAllowedKeys = nameAllowedKeys;
        }

        private String here(DeserializationContext ctxt) {
            return pathOf(ctxt.getParser().getParsingContext(), prefix);
        }

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p, JsonDeserializer<?> deserializer,
                                             Object beanOrClass, String propertyName) throws IOException {
            Collection<Object> known = nameAllowedKeys ? deserializer.getKnownPropertyNames() : null;
            List<String> names = new ArrayList<>();
            if (known != null) {
                known.forEach(k -> names.add(k.toString()));
            }
            Collections.sort(names);
            // The parser handed in: for a record it may replay buffered tokens, with their own context.
            JsonStreamContext object = p.getParsingContext();
            String at = ConfigProblems.path(pathOf(object.getParent(), prefix), propertyName);
            problems.add(at, "unknown field" + (names.isEmpty() ? "" : " (expected one of "
                    + String.join(", ", names) + ")"));
            p.skipChildren();
            return true;
        }

        @Override
        public Object handleWeirdKey(DeserializationContext ctxt, Class<?> rawKeyType, String keyValue,
                                     String failureMsg) {
            problems.add(here(ctxt), expectation(rawKeyType, keyValue, failureMsg));
            return null;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String valueToConvert,
                                             String failureMsg) {
            problems.add(here(ctxt), expectation(targetType, valueToConvert, failureMsg));
            return placeholder(targetType);
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number valueToConvert,
                                             String failureMsg) {
            problems.add(here(ctxt), expectation(targetType, String.valueOf(valueToConvert), failureMsg));
            return placeholder(targetType);
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t, JsonParser p,
                                            String failureMsg) throws IOException {
            String was = t.isScalarValue() ? ", was '" + p.getText() + "'" : "";
            problems.add(here(ctxt), expectedShape(targetType.getRawClass()) + was);
            p.skipChildren();
            return placeholder(targetType.getRawClass());
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                                                ValueInstantiator valueInsta, JsonParser p, String msg) throws IOException {
            String was = p.currentToken() != null && p.currentToken().isScalarValue() ? ", was '" + p.getText() + "'" : "";
            problems.add(here(ctxt), expectedShape(instClass) + was);
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                                                 Throwable t) {
            problems.add(here(ctxt), rootMessage(t));
            return null;
        }
    }

    /**
     * What a field gets in place of a value already reported as a problem: null, or the primitive's
     * zero (Jackson refuses null for a primitive). The binding fails with the problems, so the
     * placeholder is never used.
     */
    private static Object placeholder(Class<?> type) {
        if (!type.isPrimitive()) {
            return null;
        }
        if (type == boolean.class) {
            return false;
        }
        if (type == char.class) {
            return '\0';
        }
        if (type == long.class) {
            return 0L;
        }
        if (type == double.class) {
            return 0.0d;
        }
        if (type == float.class) {
            return 0.0f;
        }
        if (type == short.class) {
            return (short) 0;
        }
        if (type == byte.class) {
            return (byte) 0;
        }
        return 0;
    }

    private static String expectedShape(Class<?> type) {
        if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
            return "must be a whole number";
        }
        if (type == Double.class || type == double.class) {
            return "must be a number";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == String.class || Number.class.isAssignableFrom(type) || type.isEnum()
                || type == Duration.class || type == LocalTime.class || type == LocalDate.class || type == ZoneId.class) {
            return "must be a single value";
        }
        if (Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "must be a list";
        }
        return "must be a mapping";
    }

    private static String expectation(Class<?> type, String value, String failureMsg) {
        if (type == DayOfWeek.class) {
            return "not a weekday (MONDAY..SUNDAY)";
        }
        if (type.isEnum()) {
            return "unknown " + type.getSimpleName() + " (expected one of "
                    + Arrays.toString(type.getEnumConstants()) + ")";
        }
        if (type == Duration.class || type == LocalTime.class || type == LocalDate.class || type == ZoneId.class) {
            return type == ZoneId.class ? "unknown time zone '" + value + "'" : failureMsg;
        }
        return expectedShape(type) + ", was '" + value + "'";
    }
}
