package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.desk.outcome.Outcomes;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Never loses an attempt whose result did not come (the AMI connection dropped mid-originate, or
 * the events were lost while it reconnected): every {@link AmiSettings#watchdogInterval()} it
 * ends each open dial past its {@code result_due_at} whose callback is still DIALING with outcome
 * INTERRUPTED (audited, with the ActionID) and hands the callback to the planner. It never
 * re-sends the Originate — the call may have been placed — so a caller is never called twice in
 * one attempt. A dial whose callback moved on otherwise is just closed; one in conversation is
 * left to the consultant's Hangup (a conversation has no deadline) — and, should that Hangup have
 * been lost with the AMI connection, to the {@link ChannelReconciler}, which the sweep runs at most
 * every {@link AmiSettings#reconcileInterval()} while a conversation is open. Each sweep also
 * decides the consultant-leg endings {@link CallProgress} held for a PBX restart that did not come.
 */
public final class DialWatchdog implements AutoCloseable {

    private static final Logger LOG = LogManager.getLogger(DialWatchdog.class);
    private static final com.callbackdesk.callback.Actor WATCHDOG = com.callbackdesk.callback.Actor.system("dialer-watchdog");

    private final AmiSettings settings;
    private final DialTracking dials;
    private final CallbackStore store;
    private final Outcomes outcomes;
    private final ChannelReconciler reconciler;
    private final CallProgress progress;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    public DialWatchdog(AmiSettings settings, DialTracking dials, CallbackStore store, Outcomes outcomes,
                        ChannelReconciler reconciler, CallProgress progress, Clock clock) {
        this.reconciler = Objects.requireNonNull(reconciler, "reconciler");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.dials = Objects.requireNonNull(dials, "dials");
        this.store = Objects.requireNonNull(store, "store");
        this.outcomes = Objects.requireNonNull(outcomes, "outcomes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dial-watchdog");
            t.setDaemon(true);
            return t;
        });
    }

    public DialWatchdog start() {
        long every = settings.watchdogInterval().toMillis();
        timer.scheduleWithFixedDelay(() -> {
            try {
                sweep();
            } catch (RuntimeException e) {
                LOG.error("dial watchdog sweep failed; next in {}", settings.watchdogInterval(), e);
            }
        }, every, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One pass; returns how many attempts it ended INTERRUPTED. */
    public int sweep() {
        progress.settleHeld();   // consultant legs the PBX did not restart after: the consultant's doing
        Instant now = clock.instant();
        int interrupted = 0;
        for (DialTracking.Dial d : dials.open()) {
            if (!now.isAfter(d.resultDueAt())) {
                continue;
            }
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback",
                    Long.toString(d.callbackId())).put("actionId", d.actionId())) {
                Optional<Callback> cb = store.find(d.callbackId());
                CallbackState state = cb.map(Callback::state).orElse(null);
                if (state != CallbackState.DIALING) {
                    if (d.progress() != DialTracking.Progress.TALKING) {
                        dials.end(d.id(), now, "WATCHDOG: callback " + state);
                    }
                    // A conversation may last any time: its dial ends with the consultant's Hangup.
                    continue;
                }
                if (!dials.end(d.id(), now, OutcomeCode.INTERRUPTED.name())) {
                    continue;   // an event settled it meanwhile
                }
                try {
                    Callback after = outcomes.record(d.callbackId(), WATCHDOG, Outcome.of(OutcomeCode.INTERRUPTED),
                            "no result for Originate " + d.actionId() + " (sent " + d.originatedAt() + ", progress "
                                    + d.progress() + ") by " + d.resultDueAt() + "; not re-sent").callback();
                    interrupted++;
                    LOG.warn("attempt of dial {} had no result by {} (last seen {}): INTERRUPTED, not re-sent; callback"
                            + " now {}{}", d.actionId(), d.resultDueAt(), d.progress(), after.state(),
                            after.plannedAt() != null ? " for " + after.plannedAt() : "");
                } catch (StaleStateException moved) {
                    LOG.info("dial {}: callback moved on while the watchdog acted ({})", d.actionId(), moved.getMessage());
                }
            }
        }
        interrupted += orphans(now);
        reconciler.startupWhenDue();
        reconciler.whenDue();
        return interrupted;
    }

    /**
     * DIALING callbacks without an open dial, older than a dial's deadline: the process stopped
     * between starting the attempt and tracking (or sending) its Originate. Nothing was sent, or
     * nothing can be known about it: INTERRUPTED and re-planned all the same.
     */
    private int orphans(Instant now) {
        int interrupted = 0;
        for (Callback cb : store.findByState(CallbackState.DIALING)) {
            if (!now.isAfter(cb.updatedAt().plus(settings.resultDeadline()))
                    || dials.ofCallback(cb.id()).stream().anyMatch(DialTracking.Dial::open)) {
                continue;
            }
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(cb.id()))) {
                outcomes.record(cb.id(), WATCHDOG, Outcome.of(OutcomeCode.INTERRUPTED),
                        "DIALING since " + cb.updatedAt() + " with no tracked Originate; not sent again");
                interrupted++;
                LOG.warn("callback DIALING since {} without a tracked dial: INTERRUPTED and re-planned", cb.updatedAt());
            } catch (RuntimeException moved) {
                LOG.info("orphaned dial of callback {} not settled: {}", cb.id(), moved.getMessage());
            }
        }
        return interrupted;
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
