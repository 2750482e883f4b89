package com.callbackdesk.whatif.model;

import com.callbackdesk.planning.OutcomeCode;

/**
 * One dial as the simulator records it (virtual seconds). {@code callBackAt} is the
 * caller-chosen time for {@link OutcomeCode#CALL_BACK_AT}, NaN otherwise.
 */
public record SimAttempt(int attemptNo, double at, OutcomeCode outcome, double callBackAt) {
}
