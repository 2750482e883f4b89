package com.callbackdesk.screenshot;

/**
 * A new screenshot link was asked for too soon after the last one; nothing was created or sent.
 * {@link #retryAfterSeconds()} says when another may go.
 */
public final class ResendTooSoonException extends IllegalStateException {

    private final long callbackId;
    private final long retryAfterSeconds;

    public ResendTooSoonException(long callbackId, long retryAfterSeconds, String message) {
        super(message);
        this.callbackId = callbackId;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public long callbackId() {
        return callbackId;
    }

    /** Whole seconds until a new link may be sent (at least 1). */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
