package com.callbackdesk.callback;

import java.util.Objects;

/** What {@link IntakeCommits#record} did. Either way, it is committed when returned. */
public sealed interface IntakeResult {

    /** The callback as committed. */
    Callback callback();

    /** A new callback was created, PENDING. */
    record Created(Callback callback) implements IntakeResult {
        public Created {
            Objects.requireNonNull(callback, "callback");
        }
    }

    /**
     * The number already had an open callback; the request was merged into it.
     *
     * @param existing     the open callback after the merge (mergeCount incremented, urgency /
     *                     reachable-until possibly updated)
     * @param merged       the request that was merged
     * @param planAffected whether the merge changed urgency or reachable-until, so the planned
     *                     attempt should be re-planned
     */
    record Merged(Callback existing, NewCallback merged, boolean planAffected) implements IntakeResult {
        public Merged {
            Objects.requireNonNull(existing, "existing");
            Objects.requireNonNull(merged, "merged");
        }

        @Override
        public Callback callback() {
            return existing;
        }
    }
}
