package com.callbackdesk.planning.queue;

import com.callbackdesk.planning.CallbackState;

import java.time.Instant;
import java.util.Objects;

/**
 * Checks just before dialing that the request is still wanted. Pure: the dialer reads the
 * callback fresh from the store and the what-if simulator looks at its simulated request, both
 * ask this, and act on the answer. Callers often solve it themselves within ten minutes and
 * cancel; dialing them anyway wastes the consultant's time and annoys the caller.
 *
 * <p>Order of the questions: closed beats everything (a cancelled callback is never dialled,
 * whatever its window), then whether it is still waiting for a dial at all, then time.
 */
public final class PreDialCheck {

    private PreDialCheck() {
    }

    /**
     * @param callback     the callback as it is right now
     * @param now          the dialer's clock
     * @param windowLatest the last instant of the attempt's window (the planner's {@code latest});
     *                     dialing after it would find the caller gone
     */
    public static PreDialDecision decide(QueueItem callback, Instant now, Instant windowLatest) {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(now, "now");
        Objects.requireNonNull(windowLatest, "windowLatest");
        CallbackState state = callback.state();
        if (state == CallbackState.CANCELLED) {
            return PreDialDecision.CANCELLED_BY_CALLER;
        }
        if (state.isClosed()) {
            return PreDialDecision.CLOSED;
        }
        if (state != CallbackState.QUEUED && state != CallbackState.CLAIMED) {
            return PreDialDecision.MOVED_ON;
        }
        if (now.isAfter(windowLatest)) {
            return PreDialDecision.WINDOW_PASSED;
        }
        if (callback.notBefore() != null && now.isBefore(callback.notBefore())) {
            return PreDialDecision.NOT_YET;
        }
        return PreDialDecision.DIAL;
    }
}
