package com.callbackdesk.scheduling;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The system clock moved by a fixed amount: it runs at real speed but reads another time of day
 * (the demo's business morning). Quartz fires on system time, so {@link CallbackScheduler} stores
 * each trigger {@link #shift()} earlier than the attempt is due on this clock and reads it back
 * shifted the other way: an attempt due at 10:15 on this clock fires when this clock reads 10:15,
 * whatever the system time of day. Any other clock is taken as system time (shift zero).
 */
public final class ShiftedClock extends Clock {

    private final Clock system;
    private final Duration shift;

    private ShiftedClock(Clock system, Duration shift) {
        this.system = Objects.requireNonNull(system, "system");
        this.shift = Objects.requireNonNull(shift, "shift");
    }

    /**
     * A clock that reads {@code at} now (to the millisecond, Quartz's resolution) and then runs
     * with the system clock, in {@code zone}.
     */
    public static ShiftedClock readingNow(Instant at, ZoneId zone) {
        Clock system = Clock.system(zone);
        return new ShiftedClock(system, Duration.between(system.instant(), at).truncatedTo(ChronoUnit.MILLIS));
    }

    /** How far this clock is ahead of system time (negative: behind). */
    public Duration shift() {
        return shift;
    }

    /** How far {@code clock} is ahead of the system time Quartz fires on. */
    static Duration shiftOf(Clock clock) {
        return clock instanceof ShiftedClock shifted ? shifted.shift : Duration.ZERO;
    }

    @Override
    public ZoneId getZone() {
        return system.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return zone.equals(system.getZone()) ? this : new ShiftedClock(system.withZone(zone), shift);
    }

    @Override
    public long millis() {
        return instant().toEpochMilli();
    }

    @Override
    public Instant instant() {
        return system.instant().plus(shift);
    }

    @Override
    public String toString() {
        return "ShiftedClock[" + system + ", " + shift + "]";
    }
}
