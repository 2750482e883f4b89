package com.callbackdesk.planning.retry;

import com.callbackdesk.planning.CallbackState;

/** Why the planner plans no further attempt, and the closed state that records it. */
public enum GiveUpReason {
    /** The policy's maximum number of attempts was used without contact. */
    MAX_ATTEMPTS(CallbackState.UNREACHABLE),
    /** The next attempt would fall after the policy's expiry. */
    EXPIRED(CallbackState.EXPIRED);

    private final CallbackState closesAs;

    GiveUpReason(CallbackState closesAs) {
        this.closesAs = closesAs;
    }

    public CallbackState closesAs() {
        return closesAs;
    }
}
