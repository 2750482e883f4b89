package com.callbackdesk.planning.calendar;

import com.fasterxml.jackson.annotation.JsonCreator;

import java.time.LocalTime;
import java.util.Objects;

/**
 * When the office answers on one weekday, in the office's local time. Closing must be after
 * opening: a desk open past midnight is not something this calendar models.
 */
public record OpeningHours(LocalTime opens, LocalTime closes) {

    public OpeningHours {
        Objects.requireNonNull(opens, "opens");
        Objects.requireNonNull(closes, "closes");
        if (!closes.isAfter(opens)) {
            throw new IllegalArgumentException("closes (" + closes + ") must be after opens (" + opens + ")");
        }
    }

    /** Parses {@code "09:00-18:00"} (also how a calendar file writes it). */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static OpeningHours parse(String text) {
        String[] parts = text.trim().split("\\s*-\\s*");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected HH:MM-HH:MM, was '" + text + "'");
        }
        return new OpeningHours(LocalTime.parse(parts[0]), LocalTime.parse(parts[1]));
    }

    @Override
    public String toString() {
        return opens + "-" + closes;
    }
}
