package com.callbackdesk.planning.retry;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as supervisors write them: {@code 15m}, {@code 1h30m}, {@code 2d}, {@code 45s}, or ISO {@code PT15M}. */
public final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?");

    private Durations() {
    }

    public static Duration parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT).replace(" ", "");
        if (t.startsWith("p") || t.startsWith("-p")) {
            try {
                return Duration.parse(t.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration: '" + text + "'");
            }
        }
        Matcher m = SHORT.matcher(t);
        if (t.isEmpty() || !m.matches()) {
            throw new IllegalArgumentException("not a duration (use e.g. 15m, 1h30m, 2d or PT15M): '" + text + "'");
        }
        Duration d = Duration.ZERO;
        if (m.group(1) != null) d = d.plusDays(Long.parseLong(m.group(1)));
        if (m.group(2) != null) d = d.plusHours(Long.parseLong(m.group(2)));
        if (m.group(3) != null) d = d.plusMinutes(Long.parseLong(m.group(3)));
        if (m.group(4) != null) d = d.plusSeconds(Long.parseLong(m.group(4)));
        return d;
    }

    /** The short form: {@code 1h30m}, {@code 0m}. */
    public static String format(Duration d) {
        if (d.isZero()) {
            return "0m";
        }
        StringBuilder s = new StringBuilder();
        long secs = d.getSeconds();
        if (secs < 0) {
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
