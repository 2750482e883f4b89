package com.callbackdesk.queue;

import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.labels.HumanTime;

import java.time.Instant;
import java.util.Objects;

/**
 * An outcome as recorded: the code and, for two of them, its argument.
 *
 * @param code        what happened
 * @param callBackAt  for CALL_BACK_AT: the time the caller chose, else null
 * @param escalateTo  for ESCALATE: the level to raise to, else null
 */
public record Outcome(OutcomeCode code, Instant callBackAt, EscalationLevel escalateTo) {

    public Outcome {
        Objects.requireNonNull(code, "code");
        if ((code == OutcomeCode.CALL_BACK_AT) != (callBackAt != null)) {
            throw new IllegalArgumentException("CALL_BACK_AT (and only it) carries a time: " + code + ", " + callBackAt);
        }
        if ((code == OutcomeCode.ESCALATE) != (escalateTo != null)) {
            throw new IllegalArgumentException("ESCALATE (and only it) carries a level: " + code + ", " + escalateTo);
        }
        if (escalateTo == EscalationLevel.NORMAL) {
            throw new IllegalArgumentException("Escalating to NORMAL is not an escalation");
        }
    }

    /** Any outcome without an argument. */
    public static Outcome of(OutcomeCode code) {
        return new Outcome(code, null, null);
    }

    public static Outcome resolved() {
        return of(OutcomeCode.RESOLVED);
    }

    public static Outcome callBackAt(Instant at) {
        return new Outcome(OutcomeCode.CALL_BACK_AT, Objects.requireNonNull(at, "at"), null);
    }

    public static Outcome escalate(EscalationLevel to) {
        return new Outcome(OutcomeCode.ESCALATE, null, Objects.requireNonNull(to, "to"));
    }

    /** As an audit text says it: a call-back time in office time ("CALL_BACK_AT(Tue 8 Dec 12:01)"), never an instant. */
    public String describe(HumanTime times) {
        return code + (callBackAt != null ? "(" + times.format(callBackAt) + ")" : "") + (escalateTo != null ? "(" + escalateTo + ")" : "");
    }

    @Override
    public String toString() {
        return code + (callBackAt != null ? "(" + callBackAt + ")" : "") + (escalateTo != null ? "(" + escalateTo + ")" : "");
    }
}
