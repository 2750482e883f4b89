package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.whatif.engine.Simulator;
import com.callbackdesk.whatif.scenario.Scenario;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.LocalTime;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * One replication of a scenario under one retry path: synthetic callers and consultants in
 * virtual time. This class is the life of a request; its parts are the arrivals
 * ({@link ArrivalStream}), the callers ({@link Callers}, {@link DialOutcome}), the consultant pool
 * and its queues ({@link ConsultantPool}) and the figures ({@link DeskStatistics}). The rules are
 * production's, called through {@link SimRules} and the {@link RetryPath}: queue order,
 * eligibility, the pre-dial check, the end of day and the retry planner.
 *
 * <p>Life of a request: arrival → plan → due (straight to an idle consultant who may take it, or
 * the queue) → the pre-dial check → dial → outcome → re-plan ... → closed (resolved, cancelled,
 * expired, unreachable, wrong number). As in production, a request stays in the queue until a
 * consultant reaches it; if the pre-dial check then says its window passed, it is re-planned and
 * the consultant takes the next one.
 *
 * <p>Random numbers: the arrival stream and a per-caller seed stream come from the replication
 * seed; every draw about a caller (persona, traits, whether they answer, handle time) comes from
 * that caller's own generator. Two policies run with the same seed therefore see the same
 * callers arriving at the same times with the same traits (common random numbers), so their
 * difference is measured with less noise.
 */
public final class DeskSimulation {
    private static final Logger LOG = LogManager.getLogger(DeskSimulation.class);
    private static final int MAX_EMPTY_WINDOWS = 50;

    private final Scenario sc;
    private final RetryPath path;
    private final TimeBase tb;
    private final Simulator sim = new Simulator();
    private final SplittableRandom callersRng;
    private final double horizon;
    private final double warmup;
    private final Callers callers;
    private final ConsultantPool pool;
    private final DeskStatistics stats;
    private final ArrivalStream arrivals;
    private final OpenList open = new OpenList();
    private Consumer<Dial> dialListener;

    /** What a dial was, for tests and traces: who, when, in which queue position terms, and how it ended. */
    public record Dial(double at, long callbackId, int attemptNo, EscalationLevel level, LocalTime reachableUntil,
                       Urgency urgency, double requestedAt, OutcomeCode outcome) {
    }

    public DeskSimulation(Scenario scenario, RetryPath path, long replicationSeed) {
        this.sc = scenario;
        this.path = path;
        this.tb = path.time();
        SplittableRandom root = new SplittableRandom(replicationSeed);
        SplittableRandom arrivalsRng = root.split();
        this.callersRng = root.split();
        this.horizon = tb.dayStart(scenario.days());
        this.warmup = Math.min(scenario.warmupHours() * 3600, horizon);
        this.callers = new Callers(scenario, path, warmup);
        this.stats = new DeskStatistics(tb, horizon, warmup);
        this.pool = new ConsultantPool(scenario, sim, tb, stats, this::consultantFree);
        this.arrivals = new ArrivalStream(scenario.arrivals(), sim, tb, arrivalsRng, horizon,
                () -> arrive(callers.arrive(callersRng.nextLong(), sim.now(), -1, -1)));
    }

    /** Calls {@code listener} at every dial (optional; costs an allocation per dial). */
    public DeskSimulation onDial(Consumer<Dial> listener) {
        this.dialListener = listener;
        return this;
    }

    public RunResult run() {
        long t0 = System.nanoTime();
        pool.start();
        if (warmup > 0) {
            sim.at(warmup, () -> stats.endWarmup(sim.now()));
        }
        arrivals.start();
        sim.runUntil(horizon);
        arrivals.stop();
        for (Caller x = open.first; x != null; x = x.next) {
            if (Double.isNaN(x.firstContact)) {
                missedIfEndOfDayPassed(x, Double.NaN);
            }
        }
        return stats.finish(pool.consultants(), sim, (System.nanoTime() - t0) / 1e9);
    }

    // ------------------------------------------------------------------ a request's life

    private void arrive(Caller x) {
        stats.arrived(x);
        if (x.counted && x.level == EscalationLevel.REPEAT_OR_DISSATISFIED) {
            stats.add(Metric.REPEATS_FLAGGED, 1);
        }
        Scenario.Persona p = x.persona;
        if (x.selfResolveAt < Double.POSITIVE_INFINITY) {
            sim.at(x.selfResolveAt, () -> selfResolve(x));
        }
        if (p.repeats() != null && p.repeats().whilePendingProbability() > 0
                && x.rng.nextDouble() < p.repeats().whilePendingProbability()) {
            sim.at(x.arrival + p.repeats().whilePendingAfter().sample(x.rng), () -> callsAgain(x));
        }
        open.add(x);
        plan(x, path.next(x.planInput(), x.attempts, sim.now()));
    }

    private void plan(Caller x, NextStep step) {
        if (step instanceof NextStep.GiveUp g) {
            close(x, g.expired() ? CallbackState.EXPIRED : CallbackState.UNREACHABLE,
                    g.expired() ? Metric.EXPIRED : Metric.UNREACHABLE);
            return;
        }
        NextStep.Window w = (NextStep.Window) step;
        double now = sim.now();
        double earliest = Math.max(now, w.earliest());
        double latest = w.latest();
        if (!(latest > earliest)) {
            if (++x.emptyWindows > MAX_EMPTY_WINDOWS) {
                LOG.warn("request {}: the retry path keeps returning empty windows; giving up on it", x.id);
                close(x, CallbackState.EXPIRED, Metric.EXPIRED);
                return;
            }
            latest = earliest;
        }
        x.windowLatest = latest;
        int token = ++x.token;
        x.plannedAt = earliest;
        if (earliest <= now) {
            due(x, token); // due right now: no need to go through the event list
        } else {
            sim.at(earliest, () -> due(x, token));
        }
    }

    /** The attempt is due: an idle consultant who may take it dials it, or it waits in the queue. */
    private void due(Caller x, int token) {
        if (!x.open || x.token != token) {
            return;
        }
        x.queuedAt = sim.now();
        Consultant c = pool.idleFor(x);
        if (c != null) {
            if (!preDialAndDial(c, x)) {
                consultantFree(c);
            }
            return;
        }
        stats.queued(sim.now());
        x.queued = callers.queueItem(x, CallbackState.QUEUED);
        pool.enqueue(x);
    }

    private void leaveQueue(Caller x) {
        stats.leftQueue(x, sim.now());
        pool.remove(x);
        x.queued = null;
    }

    /** A consultant is free: they take the first waiting request they may take, if any. */
    private void consultantFree(Consultant c) {
        Caller x;
        while ((x = pool.firstFor(c)) != null) {
            leaveQueue(x);
            if (preDialAndDial(c, x)) {
                return;
            }
        }
        pool.goIdle(c);
    }

    /**
     * The production pre-dial check on the request as it stands (claimed by {@code c}); dials when
     * it says so and answers whether it did. A passed window or a too-early time goes back to the
     * planner, as the dialer does.
     */
    private boolean preDialAndDial(Consultant c, Caller x) {
        PreDialDecision decision = SimRules.preDial(tb, callers.queueItem(x, CallbackState.CLAIMED), sim.now(),
                x.windowLatest);
        if (decision.dial()) {
            stats.queueWait(x, sim.now() - x.queuedAt);
            dial(c, x);
            return true;
        }
        if (decision == PreDialDecision.WINDOW_PASSED && x.counted) {
            stats.add(Metric.WINDOWS_MISSED, 1);
        }
        if (decision.replan()) {
            plan(x, path.next(x.planInput(), x.attempts, sim.now()));
        }
        return false;
    }

    private void dial(Consultant c, Caller x) {
        double now = sim.now();
        c.busy = true;
        c.busySince = now;
        x.inDial = true;
        x.token++;
        stats.dialled(x);
        int hour = Math.min(23, (int) (callers.callerSecondOfDay(x, now) / 3600));
        boolean left = Double.isNaN(x.resolvedAt) && callers.hasLeft(x, now);
        DialOutcome d = DialOutcome.draw(sc, x, c.group, now, hour, left);
        if (x.counted && d.wasted()) {
            stats.add(Metric.WASTED_CALLBACKS, 1);
        }
        if (x.counted && d.afterLeft()) {
            stats.add(Metric.DIALS_AFTER_LEFT, 1);
        }
        if (!Double.isNaN(d.contactAt())) {
            contact(x, d.contactAt());
        }
        if (dialListener != null) {
            dialListener.accept(new Dial(now, x.id, x.attempts.size() + 1, x.level, x.statedUntil, x.urgency,
                    x.arrival, d.outcome()));
        }
        sim.at(now + d.duration(), () -> attemptEnded(c, x, d, now));
    }

    private void contact(Caller x, double at) {
        if (Double.isNaN(x.firstContact)) {
            x.firstContact = at;
            missedIfEndOfDayPassed(x, at);
            stats.contact(x, at);
        }
    }

    private void attemptEnded(Consultant c, Caller x, DialOutcome d, double started) {
        double now = sim.now();
        c.busy = false;
        stats.busy(started, now, c.shiftEndAt, !c.onShift);
        if (c.onShift) {
            consultantFree(c);
        }
        x.inDial = false;
        x.attempts.add(new SimAttempt(x.attempts.size() + 1, started, d.outcome(), d.callBackAt()));
        switch (d.outcome()) {
            case RESOLVED -> resolved(x, d.conversation(), now);
            case WRONG_NUMBER -> close(x, CallbackState.UNREACHABLE, Metric.WRONG_NUMBER);
            case CALL_BACK_AT -> {
                x.notBefore = d.callBackAt();
                plan(x, path.next(x.planInput(), x.attempts, now));
            }
            default -> {
                if (x.open) { // else cancelled while we were dialing
                    plan(x, path.next(x.planInput(), x.attempts, now));
                }
            }
        }
    }

    private void resolved(Caller x, boolean conversation, double now) {
        if (x.counted && conversation) {
            stats.add(Metric.SURVEY_TRANSFERS, 1); // the dialplan sends every conversation to the survey
            if (x.refusesScreenshot && Double.isNaN(x.resolvedAt)) {
                stats.add(Metric.SCREENSHOTS_DECLINED, 1);
            }
        }
        boolean realConversation = Double.isNaN(x.resolvedAt);
        close(x, CallbackState.RESOLVED, null);
        Scenario.Repeats r = x.persona.repeats();
        if (realConversation && r != null && r.afterResolvedProbability() > 0
                && x.rng.nextDouble() < r.afterResolvedProbability()) {
            long seed = x.rng.nextLong();
            int persona = x.personaIndex;
            int category = x.category;
            // only two numbers wait for the repeat: the closed request itself is not kept
            sim.at(now + r.afterResolvedAfter().sample(x.rng),
                    () -> arrive(callers.arrive(seed, sim.now(), persona, category)));
        }
    }

    // ------------------------------------------------------------------ caller behaviour

    private void selfResolve(Caller x) {
        if (!x.open || !Double.isNaN(x.firstContact)) {
            return;
        }
        x.resolvedAt = sim.now();
        if (x.cancels && !x.inDial) {
            if (x.counted) {
                stats.add(Metric.CANCELLED, 1);
            }
            close(x, CallbackState.CANCELLED, null);
        }
    }

    private void callsAgain(Caller x) {
        if (x.open && x.counted) {
            x.mergeCount++;
            stats.add(Metric.MERGED, 1); // merged into the pending request, no second dial
        }
    }

    /**
     * End-of-day miss: the caller's end of day passed with no contact, and they had not solved it
     * alone by then. No event per caller is needed: whether the caller self-resolves before
     * their end of day is drawn at arrival, so the miss is decided at the first contact (after
     * the end of day: a miss), at closing without contact, or at the end of the run for requests
     * still open — and callers leave memory as soon as their request closes.
     */
    private void missedIfEndOfDayPassed(Caller x, double contactAt) {
        if (x.counted && !x.missDecided && x.selfResolveAt > x.endOfDay && x.endOfDay <= horizon
                && !(contactAt <= x.endOfDay)) {
            stats.endOfDayMiss(x);
        }
        x.missDecided = true;
    }

    /** Closes the request in {@code state} (as production would record it), counted under {@code reason} if not null. */
    private void close(Caller x, CallbackState state, Metric reason) {
        if (!x.open) {
            return;
        }
        if (x.queued != null) {
            leaveQueue(x);
        }
        stats.closed(x, sim.now());
        x.open = false;
        x.token++;
        open.remove(x);
        if (Double.isNaN(x.firstContact)) {
            missedIfEndOfDayPassed(x, Double.NaN);
        }
        x.closedAs = state;
        if (x.counted && reason != null) {
            stats.add(reason, 1);
        }
    }
}
