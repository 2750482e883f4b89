package com.callbackdesk.scheduling;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.queue.OutcomeRecorder;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.Objects;

/**
 * Records an attempt's outcome and, when the outcome means "plan the next attempt" (it moved the
 * callback to PENDING: no answer, busy, congestion, interrupted, call back at T, left for the
 * day), hands the callback to the planner at once. The one place both the dialer (what it sees
 * on the line) and the consultant's services (what came of the conversation) go through, so no
 * PENDING callback waits for the start-up sweep to be planned.
 */
public final class AttemptOutcomes {

    private static final Logger LOG = LogManager.getLogger(AttemptOutcomes.class);

    private final OutcomeRecorder recorder;
    private final AttemptPlanning planning;

    public AttemptOutcomes(OutcomeRecorder recorder, AttemptPlanning planning) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.planning = Objects.requireNonNull(planning, "planning");
    }

    public OutcomeRecorder recorder() {
        return recorder;
    }

    /**
     * {@link OutcomeRecorder#record} (same rules, same refusals), then the next plan if the
     * callback now awaits one. Returns the callback as it stands afterwards.
     */
    public Callback record(long callbackId, Actor who, Outcome outcome, String note) {
        Callback after = recorder.record(callbackId, who, outcome, note);
        return planIfPending(after, "after outcome " + outcome);
    }

    /** Plans a callback that awaits a plan (PENDING); anything else is returned as it is. */
    public Callback planIfPending(Callback callback, String why) {
        if (callback.state() != CallbackState.PENDING) {
            return callback;
        }
        try {
            return planning.planNext(callback.id(), why).callback();
        } catch (StaleStateException raced) {
            LOG.info("callback {} was planned by someone else meanwhile: {}", callback.id(), raced.getMessage());
            return callback;
        }
    }
}
