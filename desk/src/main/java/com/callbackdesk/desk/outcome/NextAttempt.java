package com.callbackdesk.desk.outcome;

import com.callbackdesk.planning.retry.Plan;

import java.util.Objects;

/**
 * What came of planning the next attempt after an outcome that awaits one (the callback went
 * PENDING): planned, given up by the planner, or not planned now (the outcome is committed and the
 * start-up sweep plans what stayed PENDING).
 */
public sealed interface NextAttempt {

    /** The planner found a next attempt; the callback is SCHEDULED. */
    record Planned(Plan.Attempt attempt) implements NextAttempt {
        public Planned {
            Objects.requireNonNull(attempt, "attempt");
        }
    }

    /** The planner gave up (expired, unreachable); the callback is closed with its reason. */
    record GaveUp(Plan.GiveUp giveUp) implements NextAttempt {
        public GaveUp {
            Objects.requireNonNull(giveUp, "giveUp");
        }
    }

    /** Planning failed or raced; {@code reason} says why, for whoever recorded the outcome. */
    record NotPlanned(String reason) implements NextAttempt {
        public NotPlanned {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
