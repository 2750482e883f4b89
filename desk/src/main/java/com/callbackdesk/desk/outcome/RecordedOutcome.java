package com.callbackdesk.desk.outcome;

import com.callbackdesk.callback.Callback;

import java.util.Objects;
import java.util.Optional;

/**
 * An outcome as recorded: the callback as it stands afterwards and, when the outcome awaited a
 * plan, what came of planning the next attempt (empty when the outcome closed or kept the callback).
 */
public record RecordedOutcome(Callback callback, Optional<NextAttempt> next) {

    public RecordedOutcome {
        Objects.requireNonNull(callback, "callback");
        Objects.requireNonNull(next, "next");
    }
}
