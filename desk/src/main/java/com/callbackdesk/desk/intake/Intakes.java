package com.callbackdesk.desk.intake;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.IntakeResult;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.queue.RepeatCallerPolicy;
import com.callbackdesk.queue.RepeatCallerPolicy.RepeatFlag;
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
import java.util.Set;

/**
 * The caller's use cases on the IVR: take an intake (commit a new callback or merge into the
 * number's open one, escalate a repeat caller, plan the first attempt, estimate when), the
 * caller's "call me at HH:MM", finding the caller's waiting callback and their self-cancel.
 *
 * <p>The store commits the intake before planning, so every receipt describes a durable request;
 * if planning fails after the commit the callback stays PENDING (the start-up sweep plans it) and
 * the caller still hears that it is taken.
 */
public final class Intakes {

    private static final Logger LOG = LogManager.getLogger(Intakes.class);
    /** Who commits intakes in the audit trail (the name the trail has always shown). */
    static final Actor INTAKE = Actor.system("intake-route");
    private static final Set<CallbackState> WAITING = Set.of(CallbackState.PENDING, CallbackState.SCHEDULED,
            CallbackState.QUEUED);

    private final CallbackStore store;
    private final RepeatCallerPolicy repeatCallers;
    private final AttemptPlanning planning;

    public Intakes(CallbackStore store, RepeatCallerPolicy repeatCallers, AttemptPlanning planning) {
        this.store = Objects.requireNonNull(store, "store");
        this.repeatCallers = Objects.requireNonNull(repeatCallers, "repeatCallers");
        this.planning = Objects.requireNonNull(planning, "planning");
    }

    /** Commits a validated intake (new or merged), escalates a repeat caller, plans, and says when. */
    public IntakeReceipt take(NewCallback request) {
        IntakeResult result = store.intakes().record(request, INTAKE);
        Callback callback = result.callback();
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callback.id()))) {
            if (result instanceof IntakeResult.Created) {
                // The same problem again within days of a resolved callback goes to a supervisor's
                // attention (escalation raised, audited by the policy).
                Optional<RepeatFlag> repeat = repeatCallers.check(callback);
                if (repeat.isPresent()) {
                    LOG.info("repeat of resolved callback {} within {} days: escalated",
                            repeat.get().repeatOf(), repeat.get().withinDays());
                    callback = store.find(callback.id()).orElse(callback);
                }
            }
            if (result instanceof IntakeResult.Merged) {
                // A merge may have raised urgency: plan again from the merged facts.
                IntakeReceipt receipt = replanMerged(callback);
                LOG.info("merged into open callback {} (merge #{}) for {}; attempt at {}", callback.id(),
                        callback.mergeCount(), callback.callbackNumber(), receipt.attemptAt());
                return receipt;
            }
            IntakeReceipt receipt = planFirst(callback);
            LOG.info("callback {} committed for {}: {} / {} {}, first attempt {}", callback.id(),
                    callback.callbackNumber(), callback.product(), callback.category(), callback.urgency(),
                    receipt.attemptAt());
            return receipt;
        }
    }

    private IntakeReceipt planFirst(Callback callback) {
        try {
            return receipt(planning.planNext(callback.id(), "new request"), callback, false);
        } catch (RuntimeException e) {
            // Committed already: the caller is taken; the start-up sweep plans what is left PENDING.
            LOG.error("callback {} committed but not planned yet: {}", callback.id(), e.toString(), e);
            return new IntakeReceipt(callback.id(), false, officeNow(), false);
        }
    }

    private IntakeReceipt replanMerged(Callback callback) {
        Callback current = store.find(callback.id()).orElse(callback);
        if (current.state() == CallbackState.SCHEDULED) {
            try {
                return receipt(planning.replanIfChanged(current.id(), INTAKE, "merged request changed the plan"),
                        current, true);
            } catch (RuntimeException e) {
                LOG.warn("merged callback {} not re-planned ({}); keeping its plan", current.id(), e.toString());
                current = store.find(callback.id()).orElse(current);
            }
        } else if (current.state() == CallbackState.PENDING) {
            // The call that created it is planning it right now (or the start-up sweep will):
            // tell this caller the same plan without racing to write it.
            try {
                return receipt(planning.preview(current.id()), current, true);
            } catch (RuntimeException e) {
                LOG.warn("merged callback {} could not be previewed: {}", current.id(), e.toString());
            }
        }
        // Queued or further along: it is being served now.
        Instant at = current.plannedAt() != null ? current.plannedAt() : current.updatedAt();
        return new IntakeReceipt(current.id(), true, at.atZone(planning.calendar().zone()), false);
    }

    private IntakeReceipt receipt(AttemptPlanning.Planned planned, Callback callback, boolean merged) {
        if (planned.plan() instanceof Plan.Attempt a) {
            return new IntakeReceipt(callback.id(), merged, a.earliest().atZone(planning.calendar().zone()),
                    a.nextBusinessDay());
        }
        throw new IllegalStateException("callback " + callback.id() + " could not be planned at all: " + planned.plan());
    }

    /**
     * "Call me at HH:MM", after the IVR said the callback moves to the next business morning. The
     * time is office-local on the day the callback was moved to; it becomes the callback's
     * {@code notBefore} (audited, by the caller) and the planner plans again — so a time outside
     * opening hours still lands on the next possible slot, never outside them.
     */
    public ChosenTime callMeAt(long callbackId, LocalTime time) {
        Objects.requireNonNull(time, "time");
        Optional<Callback> found = store.find(callbackId);
        if (found.isEmpty() || (found.get().state() != CallbackState.SCHEDULED
                && found.get().state() != CallbackState.PENDING)) {
            return new ChosenTime.Refused("callback " + callbackId + " is "
                    + found.map(c -> c.state().name()).orElse("unknown") + ": its time can no longer change here");
        }
        Callback c = found.get();
        BusinessCalendar calendar = planning.calendar();
        Instant now = planning.clock().instant();
        LocalDate day = c.plannedAt() != null ? calendar.dateOf(c.plannedAt()) : calendar.dateOf(now);
        Instant chosen = ZonedDateTime.of(day, time, calendar.zone()).toInstant();
        if (!chosen.isAfter(now)) {
            chosen = ZonedDateTime.of(calendar.nextBusinessDay(day).date(), time, calendar.zone()).toInstant();
        }
        Actor caller = Actor.caller(c.callbackNumber());
        String why = "caller chose " + time + " on the IVR";
        store.lifecycle().update(c.id(), CallbackChange.none().notBefore(chosen), caller, why);
        AttemptPlanning.Planned planned = c.state() == CallbackState.SCHEDULED
                ? planning.replanScheduled(c.id(), caller, why)
                : planning.planNext(c.id(), why);
        if (planned.plan() instanceof Plan.Attempt a) {
            LOG.info("caller chose {}: attempt {} now at {}", time, a.attemptNo(), a.earliest());
            return new ChosenTime.Moved(c.id(), a.earliest().atZone(calendar.zone()));
        }
        return new ChosenTime.Refused("no attempt possible: " + planned.plan());
    }

    /**
     * The caller's callback that no consultant has taken yet. One being dialled is not offered
     * (the caller will be on the phone with a consultant shortly).
     */
    public Optional<WaitingCallback> waitingFor(String e164) {
        return store.findOpenByNumber(e164).filter(c -> WAITING.contains(c.state())).map(c -> {
            Instant at = c.plannedAt() != null ? c.plannedAt() : planning.clock().instant();
            return new WaitingCallback(c.id(), at.atZone(planning.calendar().zone()));
        });
    }

    /**
     * The caller phoned again and says it is solved: CANCELLED (audited, by the caller) and its
     * planned attempt unscheduled. False when a consultant has it already, or it is unknown.
     */
    public boolean cancelByCaller(long callbackId, String callUniqueId) {
        Optional<Callback> c = store.find(callbackId);
        return c.isPresent() && planning.cancel(callbackId, Actor.caller(c.get().callbackNumber()),
                "caller phoned again and said it is solved (call " + callUniqueId + ")");
    }

    private ZonedDateTime officeNow() {
        return planning.clock().instant().atZone(planning.calendar().zone());
    }
}
