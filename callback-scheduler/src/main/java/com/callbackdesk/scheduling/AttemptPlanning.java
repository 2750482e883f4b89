package com.callbackdesk.scheduling;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.labels.HumanTime;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.retry.PastAttempt;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.planning.retry.PlanRequest;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.policy.PolicyVersion;
import com.callbackdesk.planning.retry.RetryPlanner;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Turns the planner's answer into durable state: asks the {@link RetryPlanner} (with the live
 * policy version and the business calendar) for a callback's next attempt, schedules it on the
 * {@link CallbackScheduler} and moves the callback PENDING → SCHEDULED with the planned time and
 * the policy version — or closes it (EXPIRED / UNREACHABLE) with the planner's reason.
 *
 * <p>Order matters. PENDING → SCHEDULED is committed first, then the Quartz trigger is stored:
 * a trigger therefore never exists for a callback that is still PENDING, so even a zero-delay
 * attempt cannot fire before the callback is SCHEDULED (the firing path queues only SCHEDULED
 * callbacks; storing the trigger first lost such attempts). If storing the trigger fails, the
 * callback goes back to PENDING (audited) and the error reaches the caller. A crash between the
 * two leaves a SCHEDULED callback without a trigger, which the start-up sweep
 * ({@link #planAllPending}) finds and plans again.
 *
 * <p>Also the scheduler's {@link Replanner}: a misfire whose window closed is planned again from
 * "now" through the same planner.
 */
public final class AttemptPlanning implements Replanner {

    private static final Logger LOG = LogManager.getLogger(AttemptPlanning.class);
    private static final Actor PLANNER = Actor.system("retry-planner");

    private final CallbackStore store;
    private final PolicyStore policies;
    private final RetryPolicy initialPolicy;
    private final BusinessCalendar calendar;
    private final Clock clock;
    private final Jdbc jdbc;
    private volatile CallbackScheduler scheduler;

    /**
     * @param initialPolicy the policy a new desk starts with (version 1) when none was ever saved
     */
    public AttemptPlanning(DataSource dataSource, CallbackStore store, PolicyStore policies, RetryPolicy initialPolicy,
                           BusinessCalendar calendar, Clock clock) {
        this.store = Objects.requireNonNull(store, "store");
        this.policies = Objects.requireNonNull(policies, "policies");
        this.initialPolicy = Objects.requireNonNull(initialPolicy, "initialPolicy");
        this.calendar = Objects.requireNonNull(calendar, "calendar");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.jdbc = new Jdbc(dataSource, "Attempt planning");
    }

    /** The scheduler this planning schedules on (it is also that scheduler's Replanner, hence not a constructor argument). */
    public AttemptPlanning useScheduler(CallbackScheduler scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        return this;
    }

    public BusinessCalendar calendar() {
        return calendar;
    }

    /** Times in audit texts as the office reads them ("Mon 7 Dec 14:05", the calendar's zone). */
    private HumanTime times() {
        return HumanTime.in(calendar.zone());
    }

    public Clock clock() {
        return clock;
    }

    /** The live policy version (version 1 = the initial policy on a new desk). */
    public PolicyVersion livePolicy() {
        return policies.live(initialPolicy);
    }

    /** What {@link #planNext} did. */
    public record Planned(Callback callback, Plan plan, int policyVersion) {
        public Optional<Plan.Attempt> attempt() {
            return plan instanceof Plan.Attempt a ? Optional.of(a) : Optional.empty();
        }
    }

    /**
     * Plans the next attempt of a PENDING callback and makes it durable (see the class comment).
     *
     * @throws com.callbackdesk.callback.StaleStateException when the callback is not PENDING
     *         (someone else planned, cancelled or closed it meanwhile); nothing stays scheduled
     */
    public Planned planNext(long callbackId, String why) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(callbackId))) {
            Callback c = store.find(callbackId)
                    .orElseThrow(() -> new IllegalArgumentException("No callback " + callbackId));
            if (c.state() != CallbackState.PENDING) {
                throw new com.callbackdesk.callback.StaleStateException(callbackId, CallbackState.PENDING, c.state());
            }
            PolicyVersion policy = livePolicy();
            Plan plan = planFor(c, policy);
            if (plan instanceof Plan.Attempt a) {
                CallbackScheduler s = requireScheduler();
                // The compare-and-set: a lost race throws StaleStateException before anything is scheduled.
                Callback scheduled = store.lifecycle().transition(callbackId, CallbackState.PENDING, CallbackState.SCHEDULED,
                        CallbackChange.none().plannedAt(a.earliest()).policyVersion(policy.version()), PLANNER,
                        why + ": attempt " + a.attemptNo() + " at " + times().format(a.earliest())
                                + ", until " + times().format(a.latest())
                                + (a.nextBusinessDay() ? " (moved to the next business day)" : "")
                                + " by policy v" + policy.version());
                try {
                    s.schedule(new AttemptWindow(callbackId, a.attemptNo(), a.earliest(), a.latest()));
                } catch (RuntimeException failed) {
                    unplan(callbackId, a.attemptNo(), failed);
                    throw failed;
                }
                LOG.info("attempt {} planned for {} (window until {}{}), policy v{}", a.attemptNo(), a.earliest(),
                        a.latest(), a.nextBusinessDay() ? ", next business day" : "", policy.version());
                return new Planned(scheduled, plan, policy.version());
            }
            Plan.GiveUp g = (Plan.GiveUp) plan;
            Callback closed = store.lifecycle().transition(callbackId, CallbackState.PENDING, g.reason().closesAs(),
                    CallbackChange.none().policyVersion(policy.version()), PLANNER,
                    g.reason() + ": " + g.detail() + " (policy v" + policy.version() + ")");
            LOG.info("no further attempt: {} ({})", g.reason(), g.detail());
            return new Planned(closed, plan, policy.version());
        }
    }

    /** The trigger could not be stored: back to PENDING, so a retry or the start-up sweep plans it. */
    private void unplan(long callbackId, int attemptNo, RuntimeException failed) {
        try {
            store.lifecycle().transition(callbackId, CallbackState.SCHEDULED, CallbackState.PENDING, PLANNER,
                    "attempt " + attemptNo + " could not be scheduled: " + failed.getMessage());
        } catch (RuntimeException alsoFailed) {
            // Cancelled meanwhile, or the database is gone: then the sweep finds it SCHEDULED without a trigger.
            failed.addSuppressed(alsoFailed);
        }
    }

    /**
     * Moves a SCHEDULED callback back to PENDING and plans again — after the caller picked a time
     * ({@code notBefore} already stored) or a policy change. Returns the new plan.
     */
    public Planned replanScheduled(long callbackId, Actor who, String why) {
        store.lifecycle().transition(callbackId, CallbackState.SCHEDULED, CallbackState.PENDING, who, why);
        // The old attempt must not fire into the new plan once that is SCHEDULED again.
        requireScheduler().unschedule(callbackId);
        return planNext(callbackId, why);
    }

    /** What the planner would plan for this callback now; writes nothing (for a PENDING callback someone else is planning). */
    public Planned preview(long callbackId) {
        Callback c = store.find(callbackId).orElseThrow(() -> new IllegalArgumentException("No callback " + callbackId));
        PolicyVersion policy = livePolicy();
        return new Planned(c, planFor(c, policy), policy.version());
    }

    /**
     * Plans a SCHEDULED callback again only if the plan would change (a merged request raised
     * its urgency, say); otherwise writes nothing and answers the current plan.
     */
    public Planned replanIfChanged(long callbackId, Actor who, String why) {
        Callback c = store.find(callbackId).orElseThrow(() -> new IllegalArgumentException("No callback " + callbackId));
        if (c.state() != CallbackState.SCHEDULED) {
            throw new com.callbackdesk.callback.StaleStateException(callbackId, CallbackState.SCHEDULED, c.state());
        }
        PolicyVersion policy = livePolicy();
        Plan plan = planFor(c, policy);
        if (plan instanceof Plan.Attempt a && a.earliest().equals(c.plannedAt())) {
            return new Planned(c, plan, policy.version());
        }
        return replanScheduled(callbackId, who, why);
    }

    /**
     * The caller (or someone on their behalf) withdraws a callback that is not being dialled yet
     * (PENDING, SCHEDULED or QUEUED): CANCELLED, audited, and its planned attempt unscheduled.
     * Returns false when it had moved on (claimed, dialling, closed): a consultant is on it.
     */
    public boolean cancel(long callbackId, Actor who, String why) {
        for (int tries = 0; tries < 3; tries++) {
            Optional<Callback> c = store.find(callbackId);
            if (c.isEmpty()) {
                return false;
            }
            CallbackState state = c.get().state();
            if (state != CallbackState.PENDING && state != CallbackState.SCHEDULED && state != CallbackState.QUEUED) {
                return false;
            }
            try {
                store.lifecycle().transition(callbackId, state, CallbackState.CANCELLED, who, why);
            } catch (com.callbackdesk.callback.StaleStateException moved) {
                continue; // e.g. fired SCHEDULED -> QUEUED meanwhile: look again
            }
            if (scheduler != null) {
                scheduler.unschedule(callbackId);
            }
            LOG.info("callback {} cancelled by {}: {}", callbackId, who, why);
            return true;
        }
        return false;
    }

    /**
     * Start-up sweep: plans every PENDING callback (a crash between the intake's commit and its
     * plan leaves some), and plans again every SCHEDULED callback that has no stored attempt (a
     * crash between SCHEDULED and storing the trigger). Returns how many it planned.
     */
    public int planAllPending() {
        int planned = 0;
        planned += replanScheduledWithoutAttempt();
        for (Callback c : store.findByState(CallbackState.PENDING)) {
            try {
                planNext(c.id(), "planned at start-up");
                planned++;
            } catch (com.callbackdesk.callback.StaleStateException raced) {
                LOG.debug("callback {} moved on while sweeping: {}", c.id(), raced.getMessage());
            }
        }
        if (planned > 0) {
            LOG.info("planned {} pending callback(s) at start-up", planned);
        }
        return planned;
    }

    private int replanScheduledWithoutAttempt() {
        // Callbacks first, then triggers: an attempt that fires in between has queued its
        // callback (the re-plan below then finds it QUEUED and skips it).
        List<Long> scheduled = jdbc.read(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM callback WHERE state = ?")) {
                ps.setString(1, CallbackState.SCHEDULED.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
        if (scheduled.isEmpty()) {
            return 0;
        }
        java.util.Set<Long> stored = requireScheduler().scheduledCallbackIds();
        int planned = 0;
        for (long id : scheduled) {
            if (stored.contains(id)) {
                continue;
            }
            try {
                replanScheduled(id, PLANNER, "SCHEDULED without a stored attempt (stopped between planning and"
                        + " scheduling): planned again at start-up");
                planned++;
            } catch (com.callbackdesk.callback.StaleStateException moved) {
                LOG.debug("callback {} moved on while sweeping: {}", id, moved.getMessage());
            }
        }
        return planned;
    }

    /** The misfire path: the window closed before the attempt could fire. */
    @Override
    public Optional<AttemptWindow> replan(FiredAttempt missed) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(missed.callbackId()))) {
            Optional<Callback> found = store.find(missed.callbackId());
            if (found.isEmpty() || found.get().state() != CallbackState.SCHEDULED) {
                LOG.info("missed attempt {} needs no re-plan: callback is {}", missed.attemptNo(),
                        found.map(c -> c.state().name()).orElse("gone"));
                return Optional.empty();
            }
            Callback c = found.get();
            PolicyVersion policy = livePolicy();
            Plan plan = planFor(c, policy);
            if (plan instanceof Plan.Attempt a) {
                // Same attempt number: the missed one never dialled.
                store.lifecycle().update(c.id(), CallbackChange.none().plannedAt(a.earliest()).policyVersion(policy.version()),
                        PLANNER, "attempt " + missed.attemptNo() + " missed its window (fired "
                                + times().format(missed.firedAt()) + ", window ended "
                                + times().format(missed.windowLatest()) + "): re-planned for " + times().format(a.earliest()));
                return Optional.of(new AttemptWindow(c.id(), missed.attemptNo(), a.earliest(), a.latest()));
            }
            Plan.GiveUp g = (Plan.GiveUp) plan;
            store.lifecycle().transition(c.id(), CallbackState.SCHEDULED, g.reason().closesAs(), PLANNER,
                    "missed attempt could not be re-planned: " + g.reason() + ": " + g.detail());
            return Optional.empty();
        }
    }

    /** The planner's answer for this callback now, under that policy version. */
    private Plan planFor(Callback c, PolicyVersion policy) {
        return new RetryPlanner(policy.policy(), calendar).next(c.planRequest(), attempts(c.id()), clock.instant());
    }

    /** The finished attempts that count for the planner (those the policy has a rule for). */
    public List<PastAttempt> attempts(long callbackId) {
        return jdbc.read(c -> {
            List<PastAttempt> list = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT attempt_no, started_at, outcome, call_back_at"
                    + " FROM callback_attempt WHERE callback_id = ? AND outcome IS NOT NULL ORDER BY attempt_no")) {
                ps.setLong(1, callbackId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        OutcomeCode o = OutcomeCode.valueOf(rs.getString("outcome"));
                        // A consultant who did not pick up, or an escalation, is not an attempt on the caller.
                        if (RetryPolicy.REPLANNED.contains(o)) {
                            list.add(new PastAttempt(rs.getInt("attempt_no"), Jdbc.instant(rs, "started_at"), o,
                                    Jdbc.instant(rs, "call_back_at")));
                        }
                    }
                }
            }
            return list;
        });
    }

    private CallbackScheduler requireScheduler() {
        CallbackScheduler s = scheduler;
        if (s == null) {
            throw new IllegalStateException("AttemptPlanning has no scheduler: call useScheduler first");
        }
        return s;
    }
}
