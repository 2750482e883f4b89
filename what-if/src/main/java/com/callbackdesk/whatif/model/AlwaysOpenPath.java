package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.OutcomeCode;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * No calendar, no end of day (scenario {@code calendar: always-open}): the textbook queueing
 * setting. A request is due the moment it arrives and may wait as long as it takes. If a caller
 * does not answer (M/M/c scenarios have everyone answer, so this never happens there) the next
 * attempt is due {@code retryDelay} seconds later, or at the caller's chosen time, and after
 * {@link #MAX_ATTEMPTS} attempts the request is given up as unreachable. The production planner
 * is not consulted: without business days there is nothing for it to plan.
 */
public final class AlwaysOpenPath implements RetryPath {
    /** Attempts before giving up, so a caller who never answers cannot stay forever. */
    public static final int MAX_ATTEMPTS = 20;

    private final TimeBase time;
    private final double retryDelay;

    public AlwaysOpenPath(LocalDate start, int days, double retryDelay) {
        this.time = new TimeBase(ZoneOffset.UTC, start, days);
        this.retryDelay = retryDelay;
    }

    @Override
    public NextStep next(PlanInput request, List<SimAttempt> attempts, double now) {
        if (attempts.isEmpty()) {
            double at = Double.isNaN(request.notBefore()) ? now : Math.max(now, request.notBefore());
            return new NextStep.Window(at, Double.POSITIVE_INFINITY, false);
        }
        if (attempts.size() >= MAX_ATTEMPTS) {
            return new NextStep.GiveUp(false, attempts.size() + " attempts without contact");
        }
        SimAttempt last = attempts.get(attempts.size() - 1);
        if (last.outcome() == OutcomeCode.CALL_BACK_AT && !Double.isNaN(last.callBackAt())) {
            return new NextStep.Window(Math.max(now, last.callBackAt()), Double.POSITIVE_INFINITY, false);
        }
        return new NextStep.Window(now + retryDelay, Double.POSITIVE_INFINITY, false);
    }

    @Override
    public double endOfDay(PlanInput request) {
        return Double.POSITIVE_INFINITY;
    }

    @Override
    public TimeBase time() {
        return time;
    }

    @Override
    public String describe() {
        return "always open (no calendar, no end of day)";
    }
}
