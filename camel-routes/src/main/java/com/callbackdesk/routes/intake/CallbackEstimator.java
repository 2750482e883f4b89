package com.callbackdesk.routes.intake;

import com.callbackdesk.callback.Callback;

/** Tells the caller when to expect the call; the answer must not depend on anything uncommitted. */
@FunctionalInterface
public interface CallbackEstimator {
    CallbackEstimate estimate(Callback committed);
}
