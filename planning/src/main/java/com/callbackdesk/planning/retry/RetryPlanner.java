package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.calendar.BusinessDay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Plans the next attempt of a callback: a pure function of (request, attempts so far, policy,
 * calendar, now). Production (intake, re-plans after an outcome, Quartz misfires) and the what-if
 * simulator call this same class, so a policy tried in the simulator behaves the same live.
 *
 * <p>The rules, in order (docs/POLICY.md tells them for supervisors):
 * <ol>
 *   <li>At most {@code maxAttempts} attempts: then give up (UNREACHABLE).
 *   <li>When: the first attempt is due {@code firstAttemptDelay[urgency]} after the request; a
 *       later one follows the rule of the last outcome (retry after X, next business morning,
 *       the time the caller chose), never closer than {@code minimumGap} to the last attempt
 *       (except at a time the caller chose), never before a caller-chosen {@code notBefore},
 *       never before now.
 *   <li>Where it fits: on a business day, not before opening, and starting no later than the
 *       end of day minus {@code endOfDayLead}, the end of day as {@link EndOfDay} defines it.
 *       If it does not fit, it moves to the next business morning.
 *   <li>Rotation: an attempt on a later day than the last one takes its time of day
 *       from the rotation, {@code k × dailyShift} into the working day for the k-th day tried,
 *       and skips any hour of day (caller's local time) already tried.
 *   <li>Past the close of the {@code expiryBusinessDays}-th business day: give up (EXPIRED).
 * </ol>
 *
 * <p>Thread-safe and allocation-light: the what-if simulator calls it millions of times.
 */
public final class RetryPlanner {

    private static final int SEARCH_DAYS = 400;
    private static final long HOUR_SECONDS = 3600;

    private final RetryPolicy policy;
    private final BusinessCalendar calendar;

    public RetryPlanner(RetryPolicy policy, BusinessCalendar calendar) {
        this.policy = Objects.requireNonNull(policy, "policy");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
    }

    /** The pure function itself, for callers that hold no planner. */
    public static Plan plan(PlanRequest request, List<PastAttempt> attemptsSoFar, RetryPolicy policy,
                            BusinessCalendar calendar, Instant now) {
        return new RetryPlanner(policy, calendar).next(request, attemptsSoFar, now);
    }

    public RetryPolicy policy() {
        return policy;
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** The next attempt's window, or why there is none. */
    public Plan next(PlanRequest request, List<PastAttempt> attemptsSoFar, Instant now) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(attemptsSoFar, "attemptsSoFar");
        Objects.requireNonNull(now, "now");
        int n = attemptsSoFar.size();
        if (n >= policy.maxAttempts()) {
            return new Plan.GiveUp(GiveUpReason.MAX_ATTEMPTS,
                    n + " attempts without contact (the policy allows " + policy.maxAttempts() + ")");
        }
        PastAttempt last = n == 0 ? null : attemptsSoFar.get(n - 1);
        // 1. When it is wanted.
        Wanted wanted = whenWanted(request, last, now);
        // 2. Where it fits (with rotation and the expiry on the day it fits).
        return whereItFits(request, attemptsSoFar, last, wanted, rotationFloor(request, last, now));
    }

    /**
     * When an attempt is wanted, before the calendar has a say.
     *
     * @param at           the wanted instant
     * @param callerChosen the caller chose it (a call-back time or {@code notBefore}): minimum gap and rotation do not apply
     * @param rotate       a retry rule's delay picked it, so rotation may pick its time of day
     */
    private record Wanted(Instant at, boolean callerChosen, boolean rotate) {
    }

    /**
     * The first attempt at request + {@code firstAttemptDelay[urgency]}, later ones by the last
     * outcome's rule and not closer than {@code minimumGap} to the last attempt (unless the caller
     * chose the time); never before a caller-chosen {@code notBefore}, never before now.
     */
    private Wanted whenWanted(PlanRequest request, PastAttempt last, Instant now) {
        Instant candidate;
        boolean callerChosen = false;
        boolean rotate = false;
        if (last == null) {
            candidate = request.requestedAt().plus(policy.firstAttemptDelay(request.urgency()));
        } else {
            OutcomeRule rule = policy.rule(last.outcome());
            switch (rule.action()) {
                case RETRY_AFTER -> {
                    candidate = last.at().plus(rule.after());
                    rotate = true;
                }
                case NEXT_BUSINESS_MORNING -> candidate = calendar.nextBusinessDay(calendar.dateOf(last.at())).opens();
                case AT_CALLER_TIME -> {
                    callerChosen = last.callBackAt() != null;
                    candidate = callerChosen ? last.callBackAt() : last.at();
                }
                default -> throw new IllegalStateException("Unknown rule " + rule);
            }
            if (!callerChosen) {
                candidate = later(candidate, last.at().plus(policy.minimumGap()));
            }
        }
        if (request.notBefore() != null && request.notBefore().isAfter(candidate)) {
            candidate = request.notBefore();
            callerChosen = true;
        }
        return new Wanted(later(candidate, now), callerChosen, rotate);
    }

    /**
     * What rotation may not go below: a retry rule's delay picks the day, rotation the time of
     * day on it, but the minimum gap, a caller's chosen time and "now" always hold.
     */
    private Instant rotationFloor(PlanRequest request, PastAttempt last, Instant now) {
        Instant floor = now;
        if (last != null) {
            floor = later(floor, last.at().plus(policy.minimumGap()));
        }
        if (request.notBefore() != null) {
            floor = later(floor, request.notBefore());
        }
        return floor;
    }

    /**
     * On a business day, not before opening, starting no later than the end of day minus
     * {@code endOfDayLead}, else the next business morning; then rotation on that day; then the
     * expiry.
     */
    private Plan whereItFits(PlanRequest request, List<PastAttempt> attemptsSoFar, PastAttempt last, Wanted wanted,
                             Instant floor) {
        Instant candidate = wanted.at();
        Instant callerEnd = callerEndOfDay(request);
        LocalDate requestDay = calendar.dateOf(request.requestedAt());
        LocalDate wantedDay = calendar.dateOf(candidate);
        Duration lead = policy.endOfDayLead();
        for (int i = 0; i < SEARCH_DAYS; i++) {
            LocalDate date = calendar.dateOf(candidate);
            Optional<BusinessDay> open = calendar.day(date);
            if (open.isEmpty()) {
                candidate = calendar.nextBusinessDay(date).opens();
                continue;
            }
            BusinessDay day = open.get();
            if (candidate.isBefore(day.opens())) {
                candidate = day.opens();
            }
            Instant end = endOfDay(day, callerEnd, requestDay).minus(lead);
            // The last instant an attempt may start: the end of day, and strictly before the work
            // ends (with no lead, "at closing time" is not an attempt).
            Instant lastStart = end.isBefore(day.workEnds()) ? end : day.workEnds().minusSeconds(1);
            if (candidate.isAfter(lastStart)) {
                candidate = calendar.nextBusinessDay(date).opens();
                continue;
            }
            candidate = withRotation(request, attemptsSoFar, last, wanted, floor, candidate, date, day, lastStart);
            Instant expires = calendar.closeOfNthBusinessDay(requestDay, policy.expiryBusinessDays());
            if (candidate.isAfter(expires)) {
                return new Plan.GiveUp(GiveUpReason.EXPIRED, "no attempt possible before the expiry after "
                        + policy.expiryBusinessDays() + " business day(s), at " + expires);
            }
            return new Plan.Attempt(attemptsSoFar.size() + 1, candidate, end, date.isAfter(wantedDay));
        }
        return new Plan.GiveUp(GiveUpReason.EXPIRED, "the business calendar has no day an attempt fits within "
                + SEARCH_DAYS + " days");
    }

    /**
     * Rotation of a retry that fits on {@code date}: on a later day than the last attempt its time
     * of day comes from the rotation; later on the same day it steps past hours tried on earlier
     * days. A time the caller chose, or rotation turned off, leaves {@code candidate} as it is.
     */
    private Instant withRotation(PlanRequest request, List<PastAttempt> attemptsSoFar, PastAttempt last, Wanted wanted,
                                 Instant floor, Instant candidate, LocalDate date, BusinessDay day, Instant lastStart) {
        boolean rotate = wanted.rotate();
        boolean callerChosen = wanted.callerChosen();
        if (rotate && !callerChosen && last != null && date.isAfter(calendar.dateOf(last.at()))
                && !policy.rotationStep().isZero()) {
            return rotated(day, lastStart, attemptsSoFar, floor, zoneOf(request));
        } else if (rotate && !callerChosen && !policy.rotationStep().isZero()) {
            return laterUntriedHour(candidate, lastStart, date, attemptsSoFar, zoneOf(request));
        }
        return candidate;
    }

    /**
     * The time of day for an attempt on a later day: {@code k × step} into the working day (k =
     * days already tried), wrapping around, then the first whole-hour shift of it whose hour of
     * day (the caller's) was not tried yet. Never before {@code notBefore}, never after {@code end}.
     */
    private Instant rotated(BusinessDay day, Instant end, List<PastAttempt> attempts, Instant notBefore, ZoneId zone) {
        Instant from = later(day.opens(), notBefore);
        long span = end.getEpochSecond() - from.getEpochSecond();
        if (span <= 0) {
            return from;
        }
        int daysTried = distinctDays(attempts);
        long step = policy.rotationStep().getSeconds();
        long base = Math.floorMod(day.opens().getEpochSecond() + daysTried * step - from.getEpochSecond(), span + 1);
        Instant first = from.plusSeconds(base);
        long tries = Math.max(1, span / HOUR_SECONDS + 1);
        for (long j = 0; j < tries; j++) {
            Instant slot = from.plusSeconds(Math.floorMod(base + j * HOUR_SECONDS, span + 1));
            if (!hourTried(slot, attempts, zone)) {
                return slot;
            }
        }
        return first; // the working day is shorter than the hours already tried: rotation is all we can do
    }

    /**
     * A retry later on the same day keeps its delay, but if its hour was already tried on an
     * earlier day it moves on by whole hours to one that was not, if the day allows (rotation is
     * about days repeating each other; a busy line retried 15 minutes later is fine).
     */
    private Instant laterUntriedHour(Instant candidate, Instant lastStart, LocalDate today, List<PastAttempt> attempts,
                                     ZoneId zone) {
        for (Instant slot = candidate; !slot.isAfter(lastStart); slot = slot.plusSeconds(HOUR_SECONDS)) {
            if (!hourTriedOnEarlierDay(slot, today, attempts, zone)) {
                return slot;
            }
        }
        return candidate;
    }

    private boolean hourTriedOnEarlierDay(Instant slot, LocalDate today, List<PastAttempt> attempts, ZoneId zone) {
        int hour = ZonedDateTime.ofInstant(slot, zone).getHour();
        for (PastAttempt a : attempts) {
            if (calendar.dateOf(a.at()).isBefore(today) && ZonedDateTime.ofInstant(a.at(), zone).getHour() == hour) {
                return true;
            }
        }
        return false;
    }

    private int distinctDays(List<PastAttempt> attempts) {
        int count = 0;
        LocalDate previous = null;
        for (PastAttempt a : attempts) { // attempts are in time order: count changes of date
            LocalDate d = calendar.dateOf(a.at());
            if (!d.equals(previous)) {
                count++;
                previous = d;
            }
        }
        return count;
    }

    private static boolean hourTried(Instant slot, List<PastAttempt> attempts, ZoneId zone) {
        int hour = ZonedDateTime.ofInstant(slot, zone).getHour();
        for (PastAttempt a : attempts) {
            if (ZonedDateTime.ofInstant(a.at(), zone).getHour() == hour) {
                return true;
            }
        }
        return false;
    }

    private ZoneId zoneOf(PlanRequest r) {
        return EndOfDay.callerZone(r, calendar);
    }

    private Instant callerEndOfDay(PlanRequest r) {
        return EndOfDay.callerEnd(r, calendar);
    }

    private static Instant endOfDay(BusinessDay day, Instant callerEnd, LocalDate requestDay) {
        return EndOfDay.of(day, callerEnd, requestDay);
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
