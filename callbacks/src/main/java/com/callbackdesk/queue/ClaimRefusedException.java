package com.callbackdesk.queue;

/**
 * A consultant may not claim now (not AVAILABLE, not active, already holding a callback) or may
 * not release/act on a claim that is not theirs. Nothing was written.
 */
public final class ClaimRefusedException extends IllegalStateException {
    public ClaimRefusedException(String message) {
        super(message);
    }
}
