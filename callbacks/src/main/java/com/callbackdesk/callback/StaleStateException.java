package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;

/**
 * The compare-and-set on the state failed: the callback is no longer in the state the caller
 * expected (someone else moved it first). Nothing was written; reload and decide again.
 */
public final class StaleStateException extends IllegalStateException {

    private final long callbackId;
    private final CallbackState expected;
    private final CallbackState actual;

    public StaleStateException(long callbackId, CallbackState expected, CallbackState actual) {
        super("Callback " + callbackId + " is " + actual + ", not " + expected + " as expected");
        this.callbackId = callbackId;
        this.expected = expected;
        this.actual = actual;
    }

    public long callbackId() {
        return callbackId;
    }

    public CallbackState expected() {
        return expected;
    }

    public CallbackState actual() {
        return actual;
    }
}
