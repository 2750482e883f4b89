package com.callbackdesk.planning.retry;

import java.time.Instant;
import java.util.Objects;

/** The planner's answer: the next attempt's window, or give up with a reason. */
public sealed interface Plan permits Plan.Attempt, Plan.GiveUp {

    /**
     * Dial between {@code earliest} and {@code latest}.
     *
     * @param attemptNo       1-based number of the planned attempt
     * @param earliest        when it becomes due
     * @param latest          the end of day for it: the earliest of the caller's end of day,
     *                        office close and shift end, minus the lead time
     * @param nextBusinessDay the attempt could not fit on the day it was wanted and moved to a
     *                        later business day (the IVR says so)
     */
    record Attempt(int attemptNo, Instant earliest, Instant latest, boolean nextBusinessDay) implements Plan {
        public Attempt {
            Objects.requireNonNull(earliest, "earliest");
            Objects.requireNonNull(latest, "latest");
            if (latest.isBefore(earliest)) {
                throw new IllegalArgumentException("latest before earliest: " + earliest + " .. " + latest);
            }
        }
    }

    /** No further attempt: record {@code reason} (its closed state) with {@code detail}. */
    record GiveUp(GiveUpReason reason, String detail) implements Plan {
        public GiveUp {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
        }
    }
}
