package com.callbackdesk.planning.calendar;

import java.time.Instant;
import java.time.LocalDate;

/**
 * One day the office works, resolved to instants (so DST and the office's zone are already
 * applied): when it opens, when it closes, and when the last consultant shift that can take
 * callbacks ends (never later than closing).
 */
public record BusinessDay(LocalDate date, Instant opens, Instant closes, Instant shiftEnd) {

    /** The end of the working day for a callback: the earlier of closing and the shift end. */
    public Instant workEnds() {
        return shiftEnd.isBefore(closes) ? shiftEnd : closes;
    }

    public boolean contains(Instant t) {
        return !t.isBefore(opens) && t.isBefore(closes);
    }
}
