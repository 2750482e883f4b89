package com.callbackdesk.scheduling;

import java.time.Instant;
import java.util.Objects;

/**
 * One planned attempt of one callback, as the scheduler keeps it: fire at {@code earliest}, and
 * only dial while it is not later than {@code latest} (the end of the window the planner
 * computed: the caller's end of day, office close or shift end, minus the lead time).
 *
 * <p>This is the scheduler's own small value rather than the planner's type so durable
 * scheduling does not change when the planner's result type grows; {@link #of} adapts.
 *
 * @param callbackId the callback (also the Quartz job name)
 * @param attemptNo  1-based attempt number; a re-plan after a missed window keeps the number,
 *                   because the missed attempt never dialed
 * @param earliest   when to fire
 * @param latest     the last instant at which dialing still makes sense
 */
public record AttemptWindow(long callbackId, int attemptNo, Instant earliest, Instant latest) {

    public AttemptWindow {
        if (callbackId <= 0) {
            throw new IllegalArgumentException("callbackId must be positive, was " + callbackId);
        }
        if (attemptNo < 1) {
            throw new IllegalArgumentException("attemptNo must be at least 1, was " + attemptNo);
        }
        Objects.requireNonNull(earliest, "earliest");
        Objects.requireNonNull(latest, "latest");
        if (latest.isBefore(earliest)) {
            throw new IllegalArgumentException("Window ends before it starts: [" + earliest + ", " + latest + "]");
        }
    }

    /** The same attempt in another window (what a re-plan after a missed window produces). */
    public AttemptWindow movedTo(Instant newEarliest, Instant newLatest) {
        return new AttemptWindow(callbackId, attemptNo, newEarliest, newLatest);
    }
}
