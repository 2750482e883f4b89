package com.callbackdesk.scheduling;

import java.util.Optional;

/**
 * Re-plans an attempt whose window closed before it could fire (the process was down past the
 * caller's end of day, or hopelessly overloaded). DESIGN.md "Time": on a misfire the job
 * re-plans instead of dialing blindly. The production implementation asks the RetryPlanner
 * (same code as the what-if simulator).
 *
 * <p>Return the new window for the same attempt (the scheduler schedules it in place of the
 * missed one), or empty when the planner gives up — then the implementation itself records why,
 * through the callback store's audited transition (e.g. to EXPIRED).
 *
 * <p>Throwing makes the scheduler try again later; the attempt is never dropped.
 */
@FunctionalInterface
public interface Replanner {

    Optional<AttemptWindow> replan(FiredAttempt missed);
}
