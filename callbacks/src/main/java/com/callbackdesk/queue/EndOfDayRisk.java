package com.callbackdesk.queue;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.calendar.BusinessDay;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.retry.PlanRequest;
import com.callbackdesk.planning.retry.RetryPlanner;
import com.callbackdesk.planning.retry.RetryPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A waiting callback's deadline and whether it is at risk of missing it (MISSION story 3) —
 * the one definition the consultant queue shows per item and the supervisors' dashboard counts.
 *
 * <ul>
 *   <li><b>deadline</b>: the caller's end of day on the current business day (today, or the next
 *       business day when the office is closed today), exactly as the planner plans against
 *       ({@link RetryPlanner#endOfDay}): office close / shift end, and on the day of the request
 *       the caller's stated reachable-until;
 *   <li><b>at risk</b>: less than the {@link #margin() margin} is left before the deadline (or it
 *       passed). The margin is twice the live policy's {@code endOfDayLead} — the time a call
 *       needs, once for the call and once for the queue ahead of it — and at least 15 minutes.
 * </ul>
 */
public final class EndOfDayRisk {

    public static final Duration MIN_MARGIN = Duration.ofMinutes(15);

    private final BusinessCalendar calendar;
    private final Supplier<RetryPolicy> livePolicy;

    public EndOfDayRisk(BusinessCalendar calendar, Supplier<RetryPolicy> livePolicy) {
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.livePolicy = Objects.requireNonNull(livePolicy, "livePolicy");
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** The callback's end of day on the business day of {@code now} (or the next one if closed). */
    public Instant deadline(Callback callback, Instant now) {
        BusinessDay day = calendar.businessDayOnOrAfter(calendar.dateOf(now));
        return RetryPlanner.endOfDay(calendar, day, callback.planRequest());
    }

    /** The callback's end of day on the day it asked (the next business day if it asked while closed). */
    public Instant requestDeadline(Callback callback) {
        BusinessDay day = calendar.businessDayOnOrAfter(calendar.dateOf(callback.createdAt()));
        Instant end = RetryPlanner.endOfDay(calendar, day, callback.planRequest());
        if (end.isBefore(callback.createdAt())) { // asked after that day's end: the next business day's
            day = calendar.nextBusinessDay(day.date());
            end = RetryPlanner.endOfDay(calendar, day, callback.planRequest());
        }
        return end;
    }

    /** How close to the deadline counts as at risk. */
    public Duration margin() {
        Duration twice = livePolicy.get().endOfDayLead().multipliedBy(2);
        return twice.compareTo(MIN_MARGIN) < 0 ? MIN_MARGIN : twice;
    }

    public boolean atRisk(Instant deadline, Instant now) {
        return !now.plus(margin()).isBefore(deadline);
    }
}
