package com.callbackdesk.planning.queue;

import com.callbackdesk.planning.EscalationLevel;

import java.util.Optional;

/**
 * Who may take which callback — the one rule the consultant queue, a supervisor's assignment and
 * the what-if simulator's consultant pool all apply:
 * <ul>
 *   <li>the callback's product is one of the consultant's skills;
 *   <li>a reputational-risk callback goes to supervisors only.
 * </ul>
 * The queue's claim query expresses the same rule in SQL (so it can pick under a row lock); a
 * test in the callbacks module checks that the two agree.
 */
public final class Eligibility {

    /** Why a consultant may not take a callback. */
    public enum Refusal {
        /** The callback's product is not among the consultant's skills. */
        PRODUCT_NOT_IN_SKILLS,
        /** A reputational risk, and the consultant is not a supervisor. */
        SUPERVISORS_ONLY
    }

    private Eligibility() {
    }

    public static boolean mayTake(ConsultantSkills consultant, QueueItem callback) {
        return refusal(consultant, callback).isEmpty();
    }

    /** Why {@code consultant} may not take {@code callback}; empty when they may. */
    public static Optional<Refusal> refusal(ConsultantSkills consultant, QueueItem callback) {
        if (!consultant.products().contains(callback.product())) {
            return Optional.of(Refusal.PRODUCT_NOT_IN_SKILLS);
        }
        if (callback.escalationLevel() == EscalationLevel.REPUTATIONAL_RISK && !consultant.supervisor()) {
            return Optional.of(Refusal.SUPERVISORS_ONLY);
        }
        return Optional.empty();
    }
}
