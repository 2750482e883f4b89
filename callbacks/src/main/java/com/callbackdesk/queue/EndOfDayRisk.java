package com.callbackdesk.queue;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.EndOfDay;
import com.callbackdesk.planning.retry.RetryPolicy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A waiting callback's deadline and whether it is at risk of missing it — what the consultant
 * queue shows per item and the supervisors' dashboard counts.
 *
 * <ul>
 *   <li><b>deadline</b>: the caller's end of day on the current business day (today, or the next
 *       business day when the office is closed today), the planning module's one definition
 *       ({@link EndOfDay}, which the planner plans against): office close / shift end, and on the
 *       day of the request the caller's stated reachable-until;
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
        return EndOfDay.onDayOf(calendar, callback.planRequest(), now);
    }

    /** The callback's end of day on the day it asked (the next business day if it asked while closed). */
    public Instant requestDeadline(Callback callback) {
        return EndOfDay.ofRequest(calendar, callback.planRequest());
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
