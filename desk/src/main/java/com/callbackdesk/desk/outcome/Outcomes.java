package com.callbackdesk.desk.outcome;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.queue.OutcomeRecorder;
import com.callbackdesk.scheduling.AttemptPlanning;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The use case "record an outcome and plan the next attempt": records an attempt's outcome (one
 * audited transaction of {@link OutcomeRecorder}) and, when the outcome means "plan the next
 * attempt" (it moved the callback to PENDING: no answer, busy, congestion, interrupted, call back
 * at T, left for the day), hands the callback to the planner at once. The one place the dialer
 * (what it sees on the line), its watchdog and the consultant's API (what came of the
 * conversation) go through, so no PENDING callback waits for the start-up sweep to be planned.
 *
 * <p>The outcome and the plan are two transactions on purpose: the outcome is what happened and
 * must stay recorded even when planning fails; a PENDING callback is planned by the start-up sweep.
 */
public final class Outcomes {

    private static final Logger LOG = LogManager.getLogger(Outcomes.class);

    private final OutcomeRecorder recorder;
    private final AttemptPlanning planning;

    public Outcomes(OutcomeRecorder recorder, AttemptPlanning planning) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.planning = Objects.requireNonNull(planning, "planning");
    }

    /**
     * {@link OutcomeRecorder#record} (same rules, same refusals), then the next plan if the
     * callback now awaits one.
     */
    public RecordedOutcome record(long callbackId, Actor who, Outcome outcome, String note) {
        Callback after = recorder.record(callbackId, who, outcome, note);
        if (after.state() != CallbackState.PENDING) {
            return new RecordedOutcome(after, Optional.empty());
        }
        String why = "after outcome " + outcome.describe(recorder.times()) + " by " + who;
        try {
            AttemptPlanning.Planned planned = planning.planNext(callbackId, why);
            NextAttempt next = planned.plan() instanceof Plan.Attempt a
                    ? new NextAttempt.Planned(a) : new NextAttempt.GaveUp((Plan.GiveUp) planned.plan());
            return new RecordedOutcome(planned.callback(), Optional.of(next));
        } catch (StaleStateException raced) {
            LOG.info("callback {} was planned by someone else meanwhile: {}", callbackId, raced.getMessage());
            return new RecordedOutcome(after, Optional.of(new NextAttempt.NotPlanned(
                    "planned by someone else meanwhile (" + raced.getMessage() + ")")));
        } catch (RuntimeException e) {
            // The outcome is committed; a PENDING callback is planned by the start-up sweep.
            LOG.error("Callback {}: outcome {} recorded but planning the next attempt failed: {}", callbackId,
                    outcome, e.toString(), e);
            return new RecordedOutcome(after, Optional.of(new NextAttempt.NotPlanned("planning failed ("
                    + e.getMessage() + "); the callback stays PENDING and is planned again when the desk restarts")));
        }
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

    /** The dialer is about to ring the consultant: CLAIMED → DIALING and a new attempt row. */
    public Attempt startDialing(long callbackId, Actor who, String consultantCall) {
        return recorder.startDialing(callbackId, who, consultantCall);
    }

    /** The caller answered: DIALING → CONNECTED. */
    public Callback answered(long callbackId, Actor who, String callerCall) {
        return recorder.answered(callbackId, who, callerCall);
    }

    /** The callback's attempts, oldest first. */
    public List<Attempt> attempts(long callbackId) {
        return recorder.attempts(callbackId);
    }

    /** Whether closing this category as resolved needs the screenshot step. */
    public boolean needsScreen(String category) {
        return recorder.needsScreen(category);
    }
}
