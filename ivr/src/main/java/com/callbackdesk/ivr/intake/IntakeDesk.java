package com.callbackdesk.ivr.intake;

import java.time.LocalTime;
import java.util.Optional;

/**
 * The port through which the IVR hands a caller's captured details to the rest of
 * Callback Desk. The IVR knows nothing of Camel or storage: {@code camel-routes}
 * implements this with a request-reply route.
 *
 * <p>Blocking: the caller is on the line while this runs; the IVR speaks the acknowledgement
 * only after it returns, so "we will call you back" is never said for an uncommitted request.
 * Implementations must not throw for business rejections (return {@link IntakeDecision.Rejected});
 * a thrown exception means a technical failure and the IVR apologises and routes to the operator.
 */
public interface IntakeDesk {
    IntakeDecision submit(CapturedIntake intake);

    /**
     * The caller, told the callback cannot happen before their end of day, picked a time for it
     * instead of the next-morning slot. {@code time} is office-local,
     * on the day the callback moved to. Answers the new plan ({@link IntakeDecision.Accepted})
     * or why not ({@link IntakeDecision.Rejected}).
     */
    default IntakeDecision callMeAt(long callbackId, LocalTime time, String callUniqueId) {
        return new IntakeDecision.Rejected("other", "this desk does not take chosen times");
    }

    /**
     * The callback this number already has and that is not being dialled yet, if any: the IVR
     * then recognises the caller instead of taking a second intake ("call again
     * and press a key" to cancel).
     */
    default Optional<PendingCallback> pendingFor(String e164) {
        return Optional.empty();
    }

    /**
     * The caller says it is solved: cancel the callback (audited as the caller) and withdraw its
     * planned attempt. Answers {@code true} when it was cancelled, {@code false} when it had
     * moved on (a consultant is dialling it already).
     */
    default boolean cancelByCaller(long callbackId, String callUniqueId) {
        return false;
    }
}
