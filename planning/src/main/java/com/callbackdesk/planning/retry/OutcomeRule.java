package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.config.Durations;
import java.time.Duration;
import java.util.Objects;

/**
 * What the policy does after one outcome of a dial ("the outcome of each
 * attempt changes the next plan").
 *
 * @param action what kind of next plan
 * @param after  for {@link Action#RETRY_AFTER}: how long after the failed attempt; otherwise null
 */
public record OutcomeRule(Action action, Duration after) {

    public enum Action {
        /** Try again this long after the attempt (no answer, busy, congestion). */
        RETRY_AFTER,
        /** Whoever answered said the caller has gone home: the next business morning. */
        NEXT_BUSINESS_MORNING,
        /** The caller chose a time: exactly then, if the office is open. */
        AT_CALLER_TIME
    }

    public OutcomeRule {
        Objects.requireNonNull(action, "action");
        if ((action == Action.RETRY_AFTER) != (after != null)) {
            throw new IllegalArgumentException("after is required for RETRY_AFTER and only for it");
        }
    }

    public static OutcomeRule retryAfter(Duration after) {
        return new OutcomeRule(Action.RETRY_AFTER, after);
    }

    public static OutcomeRule nextBusinessMorning() {
        return new OutcomeRule(Action.NEXT_BUSINESS_MORNING, null);
    }

    public static OutcomeRule atCallerTime() {
        return new OutcomeRule(Action.AT_CALLER_TIME, null);
    }

    @Override
    public String toString() {
        return switch (action) {
            case RETRY_AFTER -> "retryAfter " + Durations.format(after);
            case NEXT_BUSINESS_MORNING -> "nextBusinessMorning";
            case AT_CALLER_TIME -> "atCallerTime";
        };
    }
}
