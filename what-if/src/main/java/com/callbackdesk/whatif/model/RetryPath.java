package com.callbackdesk.whatif.model;

import java.time.LocalDate;
import java.util.List;

/**
 * The seam between the simulated desk and the code that decides when to dial: given a request
 * and its attempts so far, the next window or giving up; and the office's business days. The
 * production implementation calls the real retry planner and business calendar; the M/M/c one
 * has no calendar at all.
 */
public interface RetryPath {

    /** The next attempt for {@code request} after {@code attempts}, decided at virtual time {@code now}. */
    NextStep next(PlanInput request, List<SimAttempt> attempts, double now);

    /** The business day {@code date}, or null when the office is closed all day. Null for every day when there is no calendar. */
    OfficeDay day(LocalDate date);

    /** Whether there is an end of day at all (false: the M/M/c setting). */
    boolean hasEndOfDay();

    /** The time base the path works in (the office zone). */
    TimeBase time();

    /** A short description for reports. */
    String describe();
}
