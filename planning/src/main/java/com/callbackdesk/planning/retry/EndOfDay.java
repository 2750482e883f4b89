package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.calendar.BusinessDay;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The one definition of a request's end of day: the earliest of office close and the last shift
 * end ({@link BusinessDay#workEnds()}) and, on the day of the request, the caller's stated
 * reachable-until (in their time zone). The planner plans against it (before its lead), the
 * consultant queue and the dashboard show it as the deadline and count misses against it, and
 * the what-if simulator judges its end-of-day misses by it.
 */
public final class EndOfDay {

    private EndOfDay() {
    }

    /** The request's end of day on one working day. */
    public static Instant of(BusinessCalendar calendar, BusinessDay day, PlanRequest request) {
        Objects.requireNonNull(day, "day");
        return of(day, callerEnd(request, calendar), calendar.dateOf(request.requestedAt()));
    }

    /** The end of day on the business day of {@code now} (or the next one when the office is closed that day). */
    public static Instant onDayOf(BusinessCalendar calendar, PlanRequest request, Instant now) {
        BusinessDay day = calendar.businessDayOnOrAfter(calendar.dateOf(now));
        return of(calendar, day, request);
    }

    /**
     * The end of the day the caller asked on: the business day of the request, or the next one
     * when they asked while the office was closed or after that day's end.
     */
    public static Instant ofRequest(BusinessCalendar calendar, PlanRequest request) {
        Instant asked = request.requestedAt();
        BusinessDay day = calendar.businessDayOnOrAfter(calendar.dateOf(asked));
        Instant end = of(calendar, day, request);
        if (end.isBefore(asked)) {
            end = of(calendar, calendar.nextBusinessDay(day.date()), request);
        }
        return end;
    }

    /** The planner's form: the caller's end already resolved, applied on {@code requestDay} only. */
    static Instant of(BusinessDay day, Instant callerEnd, LocalDate requestDay) {
        Instant end = day.workEnds();
        if (callerEnd != null && day.date().equals(requestDay) && callerEnd.isBefore(end)) {
            end = callerEnd;
        }
        return end;
    }

    /** The caller's "reachable until" on the day they called, as an instant; null if they did not say. */
    static Instant callerEnd(PlanRequest request, BusinessCalendar calendar) {
        if (request.reachableUntil() == null) {
            return null;
        }
        ZoneId zone = callerZone(request, calendar);
        LocalDate callerDate = LocalDate.ofInstant(request.requestedAt(), zone);
        return ZonedDateTime.of(callerDate, request.reachableUntil(), zone).toInstant();
    }

    /** The caller's time zone: from their number, else the office's. */
    static ZoneId callerZone(PlanRequest request, BusinessCalendar calendar) {
        return request.callerZone() == null ? calendar.zone() : request.callerZone();
    }
}
