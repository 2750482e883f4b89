package com.callbackdesk.ivr.intake;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * The desk's answer to a captured intake. The IVR speaks it; an Accepted or Merged
 * decision is only ever returned after the request is committed to storage.
 */
public sealed interface IntakeDecision {

    /** A new callback request was committed. */
    record Accepted(long callbackId, ZonedDateTime estimatedCallback, boolean nextBusinessMorning)
            implements IntakeDecision {
        public Accepted {
            Objects.requireNonNull(estimatedCallback, "estimatedCallback");
        }
    }

    /** The number already had a pending callback; this call was merged into it (no duplicate dial). */
    record Merged(long callbackId, ZonedDateTime estimatedCallback, boolean nextBusinessMorning)
            implements IntakeDecision {
        public Merged {
            Objects.requireNonNull(estimatedCallback, "estimatedCallback");
        }
    }

    /**
     * Nothing was stored. {@code reason} is a machine code that is also a prompt-catalogue key
     * suffix (the IVR plays prompt {@code rejected.<reason>}), {@code detail} is for logs.
     */
    record Rejected(String reason, String detail) implements IntakeDecision {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
