package com.callbackdesk.whatif.model;

import java.util.List;

/**
 * The seam between the simulated desk and the code that decides when to dial: given a request
 * and its attempts so far, the next window or giving up; and the request's end of day. The
 * production implementation calls the real retry planner and business calendar; the M/M/c one
 * has no calendar at all.
 */
public interface RetryPath {

    /** The next attempt for {@code request} after {@code attempts}, decided at virtual time {@code now}. */
    NextStep next(PlanInput request, List<SimAttempt> attempts, double now);

    /**
     * The end of the day the request was made on, in virtual seconds: the planning module's
     * {@code EndOfDay.ofRequest} under the office calendar; +infinity when there is no calendar
     * (the M/M/c setting).
     */
    double endOfDay(PlanInput request);

    /** The time base the path works in (the office zone). */
    TimeBase time();

    /** A short description for reports. */
    String describe();
}
