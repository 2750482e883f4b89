package com.callbackdesk.whatif.report;

import com.callbackdesk.whatif.model.Metric;

import java.util.Locale;

/**
 * The figures a report's verdict is about, in the order it gives them, each with the name a
 * supervisor knows it by and the words for "lower", "higher" and "about the same". Which way is
 * better is the metric's ({@link Metric#better()}), not repeated here.
 */
public enum Headline {
    END_OF_DAY_MISSES(Metric.END_OF_DAY_MISSES, "End-of-day misses", "misses", Unit.COUNT,
            "misses fewer end-of-day callbacks", "misses more end-of-day callbacks",
            "misses about as many end-of-day callbacks", ""),
    TIME_TO_FIRST_CONTACT(Metric.TIME_TO_CONTACT_MEAN, "Time to first contact (mean)", "to contact (min)", Unit.MINUTES,
            "reaches callers sooner", "reaches callers later", "reaches callers about as soon",
            " from request to first contact, on average"),
    CALLERS_REACHED(Metric.CONTACT_RATE, "Callers reached", "reached (%)", Unit.PERCENT,
            "reaches fewer callers", "reaches more callers", "reaches about as many callers",
            " of requests"),
    WASTED_CALLBACKS(Metric.WASTED_CALLBACKS, "Wasted callbacks", "wasted", Unit.COUNT,
            "wastes fewer callbacks", "wastes more callbacks", "wastes about as many callbacks",
            " dials to callers who had already solved it"),
    ATTEMPTS_PER_CONTACT(Metric.ATTEMPTS_PER_CONTACT, "Attempts per contact", "attempts/contact", Unit.RATIO,
            "needs fewer attempts per contact", "needs more attempts per contact",
            "needs about as many attempts per contact", ""),
    CONSULTANT_OCCUPANCY(Metric.OCCUPANCY, "Consultant occupancy", "occupancy (%)", Unit.PERCENT,
            "keeps consultants less busy", "keeps consultants busier", "keeps consultants about as busy",
            " of paid time on calls"),
    CONSULTANT_OVERTIME(Metric.OVERTIME_HOURS_PER_DAY, "Consultant overtime", "overtime (h/day)", Unit.HOURS,
            "needs less overtime", "needs more overtime", "needs about as much overtime",
            " of overtime a day, all consultants together");

    /** How a headline figure is written. */
    enum Unit { COUNT, MINUTES, HOURS, PERCENT, RATIO }

    private final Metric metric;
    private final String title;
    private final String column;
    private final Unit unit;
    private final String lower;
    private final String higher;
    private final String same;
    private final String suffix;

    Headline(Metric metric, String title, String column, Unit unit, String lower, String higher, String same, String suffix) {
        this.metric = metric;
        this.title = title;
        this.column = column;
        this.unit = unit;
        this.lower = lower;
        this.higher = higher;
        this.same = same;
        this.suffix = suffix;
    }

    public Metric metric() {
        return metric;
    }

    /** The figure's name for a supervisor. */
    public String title() {
        return title;
    }

    /** A short column heading for the replication detail. */
    String column() {
        return column;
    }

    /** What policy B does when its figure is lower than A's ("misses fewer end-of-day callbacks"). */
    String lower() {
        return lower;
    }

    String higher() {
        return higher;
    }

    String same() {
        return same;
    }

    /** Words after "B's value vs A's value" (" of requests"). */
    String suffix() {
        return suffix;
    }

    /** A value of this figure as people write it: "2,744", "8 h 51 min", "95.9%", "1.361" (hours as minutes too). */
    String format(double v) {
        return format(v, Double.NaN);
    }

    /** A value, with one more decimal for a percentage when {@code difference} would not show otherwise. */
    String format(double v, double difference) {
        if (Double.isNaN(v)) {
            return "–";
        }
        return switch (unit) {
            case COUNT -> Format.value(Metric.Kind.COUNT, v);
            case MINUTES -> minutes(v);
            case HOURS -> minutes(v * 60);
            case PERCENT -> String.format(Locale.ROOT, Math.abs(difference) < 0.5 ? "%.2f%%" : "%.1f%%", v);
            case RATIO -> String.format(Locale.ROOT, Math.abs(v) >= 10 ? "%.1f" : "%.3f", v);
        };
    }

    /** Minutes as "45 min", "4.5 min" or "8 h 51 min". */
    static String minutes(double m) {
        if (m >= 59.5) {
            long total = Math.round(m);
            return String.format(Locale.ROOT, "%d h %02d min", total / 60, total % 60);
        }
        return String.format(Locale.ROOT, m >= 10 ? "%.0f min" : "%.1f min", m);
    }
}
