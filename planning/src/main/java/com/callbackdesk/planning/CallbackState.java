package com.callbackdesk.planning;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of a callback request. The allowed moves are the table in this enum; the only
 * code that applies a move is {@code CallbackLifecycle.transition}.
 *
 * <p>Happy path: PENDING → SCHEDULED → QUEUED → CLAIMED → DIALING → CONNECTED → RESOLVED.
 * Retries: DIALING → SCHEDULED (no answer, busy: the next attempt is planned) or → PENDING
 * (awaiting a new plan); CONNECTED → SCHEDULED (the caller asked for a later time). A consultant
 * releases a claim (CLAIMED → QUEUED) or defers it (→ SCHEDULED). Every open state can be
 * CANCELLED; most can EXPIRE or become UNREACHABLE. Closed states are terminal: a new request
 * after a closed one is a new callback. The exact table is in the static initialiser below.
 *
 * <p>Beyond the brief's states: {@link #CONNECTED} (the caller answered; the conversation and
 * the survey transfer follow; only a conversation can be {@link #RESOLVED}) and
 * {@link #UNREACHABLE} (gave up after the maximum number of attempts, measured apart from
 * time-based {@link #EXPIRED} because it tells supervisors something different).
 */
public enum CallbackState {
    /** Captured, awaiting a plan. */
    PENDING,
    /** An attempt is planned (see {@code Callback.plannedAt()}). */
    SCHEDULED,
    /** The planned time came: waiting for a consultant. */
    QUEUED,
    /** A consultant took it. */
    CLAIMED,
    /** The dialer is placing the call (consultant first, then the caller). */
    DIALING,
    /** The caller answered; the conversation is under way. */
    CONNECTED,
    /** Closed: the problem was dealt with in a conversation. */
    RESOLVED,
    /** Closed: the caller (or a supervisor) said it is no longer wanted. */
    CANCELLED,
    /** Closed: past its expiry without contact. */
    EXPIRED,
    /** Closed: the maximum number of attempts was used without contact. */
    UNREACHABLE;

    private static final Map<CallbackState, Set<CallbackState>> ALLOWED = new EnumMap<>(CallbackState.class);

    static {
        // PENDING -> UNREACHABLE: a failed attempt (no answer, busy) leaves the callback awaiting a
        // new plan, and the planner may answer "maximum attempts used".
        allow(PENDING, SCHEDULED, QUEUED, CANCELLED, EXPIRED, UNREACHABLE);
        allow(SCHEDULED, PENDING, QUEUED, CANCELLED, EXPIRED, UNREACHABLE);
        allow(QUEUED, CLAIMED, SCHEDULED, CANCELLED, EXPIRED, UNREACHABLE);
        // CLAIMED -> PENDING: the pre-dial check found the window passed; awaiting a new plan.
        allow(CLAIMED, DIALING, QUEUED, SCHEDULED, PENDING, CANCELLED);
        allow(DIALING, CONNECTED, SCHEDULED, PENDING, QUEUED, CANCELLED, EXPIRED, UNREACHABLE);
        // CONNECTED -> UNREACHABLE: whoever answered says it is the wrong number; nobody to call back.
        // CONNECTED -> QUEUED: the consultant escalates; it goes back to the queue at a higher level.
        allow(CONNECTED, RESOLVED, SCHEDULED, PENDING, QUEUED, CANCELLED, UNREACHABLE);
        allow(RESOLVED);
        allow(CANCELLED);
        allow(EXPIRED);
        allow(UNREACHABLE);
    }

    private static void allow(CallbackState from, CallbackState... to) {
        Set<CallbackState> set = EnumSet.noneOf(CallbackState.class);
        Collections.addAll(set, to);
        ALLOWED.put(from, Collections.unmodifiableSet(set));
    }

    /** Whether the lifecycle allows moving from this state to {@code to}. Staying put is not a move. */
    public boolean canMoveTo(CallbackState to) {
        return ALLOWED.get(this).contains(to);
    }

    /** The states this one may move to. */
    public Set<CallbackState> allowedNext() {
        return ALLOWED.get(this);
    }

    /**
     * Still wanted: PENDING, SCHEDULED, QUEUED, CLAIMED, DIALING, CONNECTED. An open callback is
     * "pending" for merge purposes: a new request from its number merges into it.
     */
    public boolean isOpen() {
        return !isClosed();
    }

    /** RESOLVED, CANCELLED, EXPIRED, UNREACHABLE: terminal, nothing moves out. */
    public boolean isClosed() {
        return this == RESOLVED || this == CANCELLED || this == EXPIRED || this == UNREACHABLE;
    }

    /** The open states, in lifecycle order. */
    public static Set<CallbackState> openStates() {
        EnumSet<CallbackState> open = EnumSet.noneOf(CallbackState.class);
        for (CallbackState s : values()) {
            if (s.isOpen()) {
                open.add(s);
            }
        }
        return Collections.unmodifiableSet(open);
    }
}
