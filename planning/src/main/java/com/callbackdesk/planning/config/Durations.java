package com.callbackdesk.planning.config;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one way a duration is written in every file and field of the desk — retry policy, business
 * calendar, desk configuration, what-if scenario: {@code 90s}, {@code 10m} (or {@code 10min}),
 * {@code 1.5h}, {@code 1h30m}, {@code 2d}, or ISO-8601 {@code PT10M}. Parts run from days down to
 * seconds, each unit at most once; a part may have a decimal fraction ({@code 1.5h}, {@code 0.5m}).
 * Spaces are ignored ({@code 1h 30m}). A bare number has no unit and is refused: whether "15"
 * meant minutes or seconds is exactly the doubt this grammar removes.
 */
public final class Durations {

    /** The message of every refusal, naming the text refused. */
    static final String EXPECTED = "not a duration (use e.g. 15m, 1h30m, 2d or PT15M): '";

    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(d|h|min|m|s)");
    private static final List<String> ORDER = List.of("d", "h", "min", "s");
    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private Durations() {
    }

    /** Reads a duration; an {@link IllegalArgumentException} names the text and the grammar otherwise. */
    public static Duration parse(String text) {
        if (text == null) {
            throw new IllegalArgumentException(EXPECTED + "'");
        }
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.startsWith("p") || t.startsWith("-p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'");
            }
        }
        Matcher m = PART.matcher(t);
        Duration total = Duration.ZERO;
        int at = 0;
        int lastUnit = -1;
        while (at < t.length() && m.find(at) && m.start() == at) {
            String unit = m.group(2).equals("m") ? "min" : m.group(2);
            int rank = ORDER.indexOf(unit);
            if (rank <= lastUnit) {
                throw new IllegalArgumentException(EXPECTED + text + "' (units run from d down to s, each once)");
            }
            lastUnit = rank;
            total = total.plus(part(new BigDecimal(m.group(1)), unit));
            at = m.end();
        }
        if (t.isEmpty() || at != t.length()) {
            throw new IllegalArgumentException(EXPECTED + text + "'");
        }
        return total;
    }

    private static Duration part(BigDecimal amount, String unit) {
        long secondsPerUnit = switch (unit) {
            case "d" -> 86_400;
            case "h" -> 3_600;
            case "min" -> 60;
            default -> 1;
        };
        java.math.BigInteger nanos = amount.multiply(BigDecimal.valueOf(secondsPerUnit)).multiply(NANOS_PER_SECOND)
                .toBigInteger();
        java.math.BigInteger[] secondsAndNanos = nanos.divideAndRemainder(NANOS_PER_SECOND.toBigInteger());
        try {
            return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("too long a duration: " + amount + unit);
        }
    }

    /** The short form: {@code 1h30m}, {@code 0m}; sub-second parts as ISO. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0m";
        }
        StringBuilder s = new StringBuilder();
        long secs = d.getSeconds();
        if (secs < 0 || d.getNano() != 0) {
            return d.toString();
        }
        long days = secs / 86_400, h = secs % 86_400 / 3600, m = secs % 3600 / 60, sec = secs % 60;
        if (days > 0) s.append(days).append('d');
        if (h > 0) s.append(h).append('h');
        if (m > 0) s.append(m).append('m');
        if (sec > 0) s.append(sec).append('s');
        return s.toString();
    }
}
