package com.callbackdesk.desk.attempt;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.labels.HumanTime;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.scheduling.FiredAttempt;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * The use case "an attempt fired": moves the callback from SCHEDULED to QUEUED, audited. Idempotent, because
 * Quartz delivers at least once: a second delivery finds it QUEUED already and does nothing. A
 * callback cancelled or otherwise moved on since it was planned is left alone (a
 * caller who solved it is not dialled).
 */
public final class AttemptQueuing {

    private static final Logger LOG = LogManager.getLogger(AttemptQueuing.class);
    private static final Actor SCHEDULER = Actor.system("scheduler");

    private final CallbackStore store;
    private final HumanTime times;

    /** Queues attempts; the audit texts give times in UTC (tests that read no texts). */
    public AttemptQueuing(CallbackStore store) {
        this(store, ZoneOffset.UTC);
    }

    /** Queues attempts; the audit texts give times as the office reads them (in {@code office}). */
    public AttemptQueuing(CallbackStore store, ZoneId office) {
        this.times = HumanTime.in(office);
        this.store = store;
    }

    /** Returns the callback as it now stands, or null when there is no such callback. */
    public Callback queue(FiredAttempt attempt) {
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(attempt.callbackId()))) {
            Optional<Callback> found = store.find(attempt.callbackId());
            if (found.isEmpty()) {
                LOG.warn("attempt {} fired for an unknown callback", attempt.attemptNo());
                return null;
            }
            if (found.get().state() != CallbackState.SCHEDULED) {
                LOG.info("attempt {} fired but the callback is {}: nothing to queue", attempt.attemptNo(), found.get().state());
                return found.get();
            }
            try {
                Callback queued = store.lifecycle().transition(attempt.callbackId(), CallbackState.SCHEDULED, CallbackState.QUEUED,
                        SCHEDULER, "attempt " + attempt.attemptNo() + " due at " + times.format(attempt.scheduledAt())
                                + "; dial before " + times.format(attempt.windowLatest())
                                + (attempt.misfired() ? " (fired late, at " + times.format(attempt.firedAt()) + ")" : ""));
                LOG.info("attempt {} due: queued for a consultant (window until {})", attempt.attemptNo(),
                        attempt.windowLatest());
                return queued;
            } catch (StaleStateException raced) {
                LOG.info("attempt {}: callback moved on meanwhile ({})", attempt.attemptNo(), raced.getMessage());
                return store.find(attempt.callbackId()).orElse(null);
            }
        }
    }
}
