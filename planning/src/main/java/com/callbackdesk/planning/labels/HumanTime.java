package com.callbackdesk.planning.labels;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Times as people at the desk read them, in the office's time zone: {@code Mon 7 Dec 14:05}
 * (English) or {@code 12月7日(週一) 14:05} (Traditional Chinese) — never a UTC instant, never
 * seconds or microseconds. The audit trail's "why" texts are written with it, and
 * {@link #rewrite} turns the ISO-8601 instants of older texts into the same form when they are read.
 */
public final class HumanTime {

    private static final DateTimeFormatter ENGLISH = DateTimeFormatter.ofPattern("EEE d MMM HH:mm", Locale.ENGLISH);
    private static final DateTimeFormatter CHINESE = DateTimeFormatter.ofPattern("M月d日(E) HH:mm", Locale.TRADITIONAL_CHINESE);
    /** An ISO-8601 instant as {@code Instant.toString()} writes it (any fraction of a second), or with an offset. */
    private static final Pattern INSTANT = Pattern.compile(
            "\\b\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(?::\\d{2}(?:\\.\\d{1,9})?)?(?:Z|[+-]\\d{2}:\\d{2})");

    private final ZoneId zone;

    private HumanTime(ZoneId zone) {
        this.zone = Objects.requireNonNull(zone, "zone");
    }

    /** Times in the office zone {@code zone}. */
    public static HumanTime in(ZoneId zone) {
        return new HumanTime(zone);
    }

    public ZoneId zone() {
        return zone;
    }

    /** {@code Mon 7 Dec 14:05} in the office zone; "" for null. */
    public String format(Instant t) {
        return format(t, Labels.ENGLISH);
    }

    /** {@link #format} in {@code language} ({@code en} or {@code zh-TW}). */
    public String format(Instant t, String language) {
        if (t == null) {
            return "";
        }
        ZonedDateTime z = t.atZone(zone);
        return (Labels.CHINESE.equals(Labels.language(language)) ? CHINESE : ENGLISH).format(z);
    }

    /** Every ISO-8601 instant inside {@code text} written as {@link #format} writes it. */
    public String rewrite(String text) {
        if (text == null || text.isEmpty()) {
            return text;
        }
        Matcher m = INSTANT.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            String replacement;
            try {
                replacement = format(OffsetDateTime.parse(m.group()).toInstant());
            } catch (DateTimeParseException e) {
                replacement = m.group();
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }
}
