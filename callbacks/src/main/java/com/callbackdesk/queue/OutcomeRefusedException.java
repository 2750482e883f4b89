package com.callbackdesk.queue;

/** An outcome broke one of the desk's rules; nothing was written. {@link #rule()} says which. */
public final class OutcomeRefusedException extends IllegalStateException {

    /** The rules {@link OutcomeRecorder} enforces. */
    public enum Rule {
        /** a category that needs a screen is resolved only after the screenshot step. */
        SCREENSHOT_BEFORE_RESOLVED,
        /** Only the consultant holding the claim (or a supervisor, or the dialer) records its outcome. */
        CLAIM_HOLDER,
        /** A caller-chosen time lies in the future. */
        CALL_BACK_TIME_IN_FUTURE,
        /** Escalation only goes up. */
        ESCALATION_GOES_UP
    }

    private final Rule rule;
    private final long callbackId;

    public OutcomeRefusedException(Rule rule, long callbackId, String message) {
        super("Callback " + callbackId + " refused by rule " + rule + ": " + message);
        this.rule = rule;
        this.callbackId = callbackId;
    }

    public Rule rule() {
        return rule;
    }

    public long callbackId() {
        return callbackId;
    }
}
