package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;

/** The lifecycle does not allow the move (see {@link CallbackState#canMoveTo}). Nothing was written. */
public final class IllegalTransitionException extends IllegalStateException {

    private final long callbackId;
    private final CallbackState from;
    private final CallbackState to;

    public IllegalTransitionException(long callbackId, CallbackState from, CallbackState to) {
        super("Callback " + callbackId + ": illegal transition " + from + " -> " + to
                + " (allowed from " + from + ": " + from.allowedNext() + ")");
        this.callbackId = callbackId;
        this.from = from;
        this.to = to;
    }

    public long callbackId() {
        return callbackId;
    }

    public CallbackState from() {
        return from;
    }

    public CallbackState to() {
        return to;
    }
}
