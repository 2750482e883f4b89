package com.callbackdesk.whatif.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * Maps virtual seconds to real instants and office-local dates and times. Second 0 is local
 * midnight at the start of the first simulated day in the office's zone. Local midnights of
 * every day are precomputed, so the hour of day of a virtual instant costs an array lookup
 * (days with a daylight-saving change go through the zone rules).
 */
public final class TimeBase {
    private final ZoneId zone;
    private final LocalDate start;
    private final Instant epoch;
    private final double[] dayStart;

    public TimeBase(ZoneId zone, LocalDate start, int days) {
        this.zone = zone;
        this.start = start;
        this.epoch = start.atStartOfDay(zone).toInstant();
        // room for plans that reach past the last simulated day (next-morning retries, expiries)
        int n = days + 400;
        dayStart = new double[n + 1];
        for (int d = 0; d <= n; d++) {
            dayStart[d] = seconds(start.plusDays(d).atStartOfDay(zone).toInstant());
        }
    }

    public ZoneId zone() {
        return zone;
    }

    public LocalDate start() {
        return start;
    }

    public Instant instant(double seconds) {
        long whole = (long) Math.floor(seconds);
        long nanos = Math.round((seconds - whole) * 1e9);
        return epoch.plusSeconds(whole).plusNanos(nanos);
    }

    public double seconds(Instant instant) {
        return (instant.getEpochSecond() - epoch.getEpochSecond()) + (instant.getNano() - epoch.getNano()) / 1e9;
    }

    /** Index of the local day holding {@code t} (0 = the first simulated day). */
    public int dayIndex(double t) {
        int d = (int) Math.floor(t / 86_400);
        if (d < 0) {
            return 0;
        }
        if (d >= dayStart.length - 1) {
            return Math.max(0, (int) Math.floor((t - dayStart[0]) / 86_400));
        }
        while (d > 0 && t < dayStart[d]) {
            d--;
        }
        while (d + 1 < dayStart.length && t >= dayStart[d + 1]) {
            d++;
        }
        return d;
    }

    /** Virtual second of local midnight starting day {@code d}. */
    public double dayStart(int d) {
        if (d < dayStart.length) {
            return dayStart[d];
        }
        return seconds(start.plusDays(d).atStartOfDay(zone).toInstant());
    }

    public LocalDate date(double t) {
        return start.plusDays(dayIndex(t));
    }

    public int dayIndex(LocalDate date) {
        return (int) (date.toEpochDay() - start.toEpochDay());
    }

    /** Office-local wall-clock second of the day at {@code t}. */
    public double secondOfDay(double t) {
        int d = dayIndex(t);
        if (d + 1 < dayStart.length && dayStart[d + 1] - dayStart[d] == 86_400) {
            return t - dayStart[d];
        }
        ZonedDateTime z = instant(t).atZone(zone);
        return z.toLocalTime().toSecondOfDay() + z.getNano() / 1e9;
    }

    public int hourOfDay(double t) {
        return Math.min(23, (int) (secondOfDay(t) / 3600));
    }

    public LocalTime localTime(double t) {
        return LocalTime.ofNanoOfDay((long) (secondOfDay(t) * 1e9) % 86_400_000_000_000L);
    }

    /** Virtual seconds of the given local wall-clock time on day {@code d}. */
    public double at(int d, double secondOfDay) {
        double base = dayStart(d);
        double next = dayStart(d + 1);
        if (next - base == 86_400) {
            return base + secondOfDay;
        }
        LocalTime lt = LocalTime.ofNanoOfDay((long) (Math.min(secondOfDay, 86_399.999) * 1e9));
        return seconds(ZonedDateTime.of(start.plusDays(d), lt, zone).toInstant());
    }

    /** The next local full hour after {@code t}. */
    public double nextHour(double t) {
        double sod = secondOfDay(t);
        double next = t + (3600 - sod % 3600);
        return next > t ? next : t + 3600;
    }
}
