package com.callbackdesk.routes.intake;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.scheduling.AttemptPlanning;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Objects;
import java.util.Optional;

/**
 * "Call me at HH:MM" from the IVR, after it said the callback moves to the next business morning
 * (MISSION stories 3 and 5). The time is office-local on the day the callback was moved to; it
 * becomes the callback's {@code notBefore} (audited, by the caller) and the planner plans again —
 * so a time outside opening hours still lands on the next possible slot, never outside them.
 */
public final class CallerChosenTime {

    private static final Logger LOG = LogManager.getLogger(CallerChosenTime.class);

    /** What the IVR sends to {@link IntakeRoute#CALL_ME_AT}. */
    public record Request(long callbackId, LocalTime time, String callUniqueId) {
        public Request {
            Objects.requireNonNull(time, "time");
        }
    }

    private final CallbackStore store;
    private final AttemptPlanning planning;

    public CallerChosenTime(CallbackStore store, AttemptPlanning planning) {
        this.store = store;
        this.planning = planning;
    }

    public IntakeDecision choose(Request request) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", String.valueOf(request.callUniqueId()))
                .put("callback", Long.toString(request.callbackId()))) {
            Optional<Callback> found = store.find(request.callbackId());
            if (found.isEmpty() || (found.get().state() != CallbackState.SCHEDULED && found.get().state() != CallbackState.PENDING)) {
                return new IntakeDecision.Rejected("other", "callback " + request.callbackId() + " is "
                        + found.map(c -> c.state().name()).orElse("unknown") + ": its time can no longer change here");
            }
            Callback c = found.get();
            BusinessCalendar calendar = planning.calendar();
            Instant now = planning.clock().instant();
            LocalDate day = c.plannedAt() != null ? calendar.dateOf(c.plannedAt()) : calendar.dateOf(now);
            Instant chosen = ZonedDateTime.of(day, request.time(), calendar.zone()).toInstant();
            if (!chosen.isAfter(now)) {
                chosen = ZonedDateTime.of(calendar.nextBusinessDay(day).date(), request.time(), calendar.zone()).toInstant();
            }
            Actor caller = Actor.caller(c.callbackNumber());
            String why = "caller chose " + request.time() + " on the IVR";
            store.lifecycle().update(c.id(), CallbackChange.none().notBefore(chosen), caller, why);
            AttemptPlanning.Planned planned = c.state() == CallbackState.SCHEDULED
                    ? planning.replanScheduled(c.id(), caller, why)
                    : planning.planNext(c.id(), why);
            if (planned.plan() instanceof Plan.Attempt a) {
                LOG.info("caller chose {}: attempt {} now at {}", request.time(), a.attemptNo(), a.earliest());
                return new IntakeDecision.Accepted(c.id(), a.earliest().atZone(calendar.zone()), false);
            }
            return new IntakeDecision.Rejected("other", "no attempt possible: " + planned.plan());
        }
    }
}
