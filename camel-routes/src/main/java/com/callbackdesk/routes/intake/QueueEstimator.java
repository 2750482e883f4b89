package com.callbackdesk.routes.intake;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

/**
 * The simplest honest estimate: callbacks ahead in queue order × the average handle time,
 * spread over the consultants on duty. It knows nothing of office hours; the retry planner's
 * estimate replaces it where a calendar is configured.
 */
public final class QueueEstimator implements CallbackEstimator {

    private final CallbackStore store;
    private final Duration handleTime;
    private final int consultants;
    private final ZoneId officeZone;
    private final Clock clock;

    public QueueEstimator(CallbackStore store, Duration handleTime, int consultants, ZoneId officeZone, Clock clock) {
        if (consultants < 1) {
            throw new IllegalArgumentException("consultants must be at least 1");
        }
        this.store = store;
        this.handleTime = handleTime;
        this.consultants = consultants;
        this.officeZone = officeZone;
        this.clock = clock;
    }

    @Override
    public CallbackEstimate estimate(Callback committed) {
        int ahead = store.openAheadOf(committed.id());
        Duration wait = handleTime.multipliedBy(ahead / consultants + 1L);
        return new CallbackEstimate(ZonedDateTime.now(clock).withZoneSameInstant(officeZone).plus(wait), false);
    }
}
