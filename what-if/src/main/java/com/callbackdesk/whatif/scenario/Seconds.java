package com.callbackdesk.whatif.scenario;

import com.callbackdesk.planning.config.Durations;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * A duration in a scenario, in seconds: a YAML number (or a bare number in a CSV) is seconds; text
 * is read by the desk's one duration grammar ({@link Durations}: 90s, 10m, 1.5h, 1h30m, 2d, PT10M),
 * exactly as in a retry policy.
 */
record Seconds(double value) {

    static final String EXPECTED = "must be a duration (seconds, or like 90s, 10m, 1.5h, 1h30m, 2d, PT10M)";
    private static final Pattern NUMBER = Pattern.compile("\\d+(\\.\\d+)?");

    // Scalar creators (not one JsonNode delegate): Jackson reports their refusals to the binding's
    // problem collector, with the field's path, instead of failing the whole file.
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Seconds of(String text) {
        return checked(parse(text), text);
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Seconds of(double seconds) {
        return checked(seconds, Double.toString(seconds));
    }

    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    static Seconds of(int seconds) {
        return checked(seconds, Integer.toString(seconds));
    }

    private static Seconds checked(double d, String text) {
        if (Double.isNaN(d)) {
            throw new IllegalArgumentException(EXPECTED + ", was '" + text + "'");
        }
        if (d < 0) {
            throw new IllegalArgumentException("must not be negative");
        }
        return new Seconds(d);
    }

    /** Seconds, or NaN when the value is no duration. */
    static double parse(JsonNode v) {
        if (v.isNumber()) {
            return v.asDouble();
        }
        return v.isTextual() ? parse(v.asText()) : Double.NaN;
    }

    static double parse(String text) {
        String s = text.trim();
        if (NUMBER.matcher(s).matches()) {
            return Double.parseDouble(s);
        }
        try {
            Duration d = Durations.parse(s);
            return d.getSeconds() + d.getNano() / 1e9;
        } catch (IllegalArgumentException e) {
            return Double.NaN;
        }
    }
}
