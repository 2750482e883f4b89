package com.callbackdesk.planning;

import com.callbackdesk.planning.CallbackState;

/**
 * What came of one dial. The first five are what the dialer sees on the line; the
 * rest are what the consultant records after talking to whoever answered. Stored by name in
 * {@code callback_attempt.outcome}.
 *
 * <p>The retry planner ({@code com.callbackdesk.retry}) did not exist when this was written;
 * when it defines its own outcome type, it should read these names (or this enum should become
 * that type) — one truth.
 */
public enum OutcomeCode {
    /** The consultant's own phone did not answer: offer the callback to another consultant. */
    CONSULTANT_NO_ANSWER(CallbackState.DIALING, CallbackState.QUEUED),
    /**
     * The consultant hung up while the caller's phone was still ringing ({@code DialStatus
     * CANCEL} from the consultant's side of the Dial): the caller refused nothing, so it is not an
     * attempt on the caller; the callback goes straight back to the queue, and the cancel counts
     * against the consultant (their audit and dial-fault figures). They are not set AWAY: they
     * were at their phone.
     */
    CONSULTANT_CANCELLED(CallbackState.DIALING, CallbackState.QUEUED),
    /**
     * The PBX restarted (or went down) while the dial was ringing: nobody's doing. Not an attempt
     * on the caller, not a consultant's miss (no AWAY); the callback goes straight back to the queue.
     */
    PBX_RESTART(CallbackState.DIALING, CallbackState.QUEUED),
    /** The caller's phone rang out. The planner plans the next attempt. */
    NO_ANSWER(CallbackState.DIALING, CallbackState.PENDING),
    /** The caller's line was busy. The planner plans the next attempt. */
    BUSY(CallbackState.DIALING, CallbackState.PENDING),
    /** The network could not reach the caller. The planner plans the next attempt. */
    CONGESTION(CallbackState.DIALING, CallbackState.PENDING),
    /**
     * The dial never produced a result the dialer could see (the AMI connection dropped while the
     * Originate was on its way, or its events were lost): the dialer's watchdog ends the attempt
     * with this and the planner plans again. Never re-sent blindly (no doubled call); not counted
     * as an attempt on the caller (not in {@code RetryPolicy.REPLANNED}).
     */
    INTERRUPTED(CallbackState.DIALING, CallbackState.PENDING),
    /** The caller answered: the conversation begins. */
    ANSWERED(CallbackState.DIALING, CallbackState.CONNECTED),
    /** The problem was dealt with. Needs the screenshot step for categories that need a screen. */
    RESOLVED(CallbackState.CONNECTED, CallbackState.RESOLVED),
    /** The caller asked to be called at another time. */
    CALL_BACK_AT(CallbackState.CONNECTED, CallbackState.PENDING),
    /** Whoever answered said the caller has gone home: next business morning. */
    LEFT_FOR_THE_DAY(CallbackState.CONNECTED, CallbackState.PENDING),
    /** The consultant escalates: back to the queue at a higher level (reputational risk goes to supervisors). */
    ESCALATE(CallbackState.CONNECTED, CallbackState.QUEUED),
    /** Whoever answered does not know the caller: nobody to call back. */
    WRONG_NUMBER(CallbackState.CONNECTED, CallbackState.UNREACHABLE);

    private final CallbackState from;
    private final CallbackState to;

    OutcomeCode(CallbackState from, CallbackState to) {
        this.from = from;
        this.to = to;
    }

    /** The state the callback must be in for this outcome. */
    public CallbackState from() {
        return from;
    }

    /** The state this outcome moves the callback to. PENDING means "the planner plans the next attempt". */
    public CallbackState to() {
        return to;
    }

    /** Whether this outcome ends the attempt (everything but ANSWERED). */
    public boolean endsAttempt() {
        return this != ANSWERED;
    }

    /**
     * Whether the consultant, not the caller, ended the attempt (their own phone did not answer,
     * or they cancelled the dial while the caller's phone rang): counted in their dial-fault figures.
     */
    public boolean againstConsultant() {
        return this == CONSULTANT_NO_ANSWER || this == CONSULTANT_CANCELLED;
    }

    /**
     * Whether only the dialer may report it: what it saw of the consultant's own leg or of the
     * PBX, never something a consultant records by hand.
     */
    public boolean dialerOnly() {
        return this == CONSULTANT_NO_ANSWER || this == CONSULTANT_CANCELLED || this == PBX_RESTART;
    }

    /** Whether the dialer sees it (true) or the consultant records it after a conversation (false). */
    public boolean onTheLine() {
        return from == CallbackState.DIALING;
    }
}
