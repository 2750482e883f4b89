package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.EndOfDay;
import com.callbackdesk.planning.retry.GiveUpReason;
import com.callbackdesk.planning.retry.PastAttempt;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.planning.retry.PlanRequest;
import com.callbackdesk.planning.retry.RetryPlanner;
import com.callbackdesk.planning.retry.RetryPolicy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * The production retry path: every decision is the real {@link RetryPlanner#next} under the
 * given {@link RetryPolicy} and {@link BusinessCalendar}, called with virtual instants. Nothing
 * of the planner is re-implemented here; this class only converts between virtual seconds and
 * {@link Instant}s and between the simulator's records and the planner's.
 */
public final class PlannerRetryPath implements RetryPath {
    private final RetryPlanner planner;
    private final BusinessCalendar calendar;
    private final TimeBase time;
    private final String name;
    private long calls;

    public PlannerRetryPath(String name, RetryPolicy policy, BusinessCalendar calendar, LocalDate start, int days) {
        this.name = name;
        this.calendar = calendar;
        this.planner = new RetryPlanner(policy, calendar);
        this.time = new TimeBase(calendar.zone(), start, days);
    }

    @Override
    public NextStep next(PlanInput in, List<SimAttempt> attempts, double now) {
        calls++;
        PlanRequest request = planRequest(in);
        List<PastAttempt> past = new ArrayList<>(attempts.size());
        for (SimAttempt a : attempts) {
            past.add(new PastAttempt(a.attemptNo(), time.instant(a.at()), a.outcome(),
                    Double.isNaN(a.callBackAt()) ? null : time.instant(a.callBackAt())));
        }
        Plan plan = planner.next(request, past, time.instant(now));
        if (plan instanceof Plan.Attempt a) {
            return new NextStep.Window(time.seconds(a.earliest()), time.seconds(a.latest()), a.nextBusinessDay());
        }
        Plan.GiveUp g = (Plan.GiveUp) plan;
        return new NextStep.GiveUp(g.reason() == GiveUpReason.EXPIRED, g.detail());
    }

    @Override
    public double endOfDay(PlanInput request) {
        return time.seconds(EndOfDay.ofRequest(calendar, planRequest(request)));
    }

    private PlanRequest planRequest(PlanInput in) {
        return new PlanRequest(in.callbackId(), in.urgency(), time.instant(in.requestedAt()),
                in.reachableUntil(), in.callerZone(), Double.isNaN(in.notBefore()) ? null : time.instant(in.notBefore()));
    }

    @Override
    public TimeBase time() {
        return time;
    }

    /** How many times the planner was asked. */
    public long plannerCalls() {
        return calls;
    }

    @Override
    public String describe() {
        return name + " (RetryPlanner, calendar " + calendar.zone() + ")";
    }
}
