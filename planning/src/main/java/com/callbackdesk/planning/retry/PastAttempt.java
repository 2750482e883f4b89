package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.OutcomeCode;

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

}
