package com.callbackdesk.queue;

import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.retry.PastAttempt;

import java.time.Instant;

/**
 * One dial of a callback as stored in {@code callback_attempt}.
 *
 * @param attemptNo      1-based per callback
 * @param consultant     who dialled (the claim holder)
 * @param answeredAt     when the caller answered, or null
 * @param endedAt        when the attempt ended, null while it runs
 * @param outcome        the final outcome code name ({@link OutcomeCode}), null while it runs
 * @param callBackAt     the caller's chosen time for CALL_BACK_AT
 * @param consultantCall Asterisk uniqueid of the consultant's leg
 * @param callerCall     Asterisk uniqueid of the caller's leg
 * @param policyVersion  the retry policy that planned this attempt
 */
public record Attempt(long id, long callbackId, int attemptNo, String consultant, Instant startedAt,
                      Instant answeredAt, Instant endedAt, String outcome, Instant callBackAt,
                      String consultantCall, String callerCall, Integer policyVersion) {

    /** The outcome as the desk's enum (null while the attempt runs). */
    public OutcomeCode outcomeCode() {
        return outcome == null ? null : OutcomeCode.valueOf(outcome);
    }

    /** This attempt as the planner sees it; null while it still runs. */
    public PastAttempt pastAttempt() {
        return outcome == null ? null : new PastAttempt(attemptNo, startedAt, outcomeCode(), callBackAt);
    }
}
