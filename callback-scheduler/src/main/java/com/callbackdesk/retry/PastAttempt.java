package com.callbackdesk.retry;

import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.OutcomeCode;

import java.time.Instant;
import java.util.Objects;

/**
 * One earlier attempt, as the planner sees it.
 *
 * @param attemptNo  1-based
 * @param at         when it was dialled
 * @param outcome    what came of it
 * @param callBackAt the time the caller chose, for {@link OutcomeCode#CALL_BACK_AT}; else null
 */
public record PastAttempt(int attemptNo, Instant at, OutcomeCode outcome, Instant callBackAt) {

    public PastAttempt {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** A finished attempt from the store; null for one still running. */
    public static PastAttempt of(Attempt a) {
        return a.outcome() == null ? null : new PastAttempt(a.attemptNo(), a.startedAt(), a.outcomeCode(), a.callBackAt());
    }
}
