package com.callbackdesk.pbxsim;

import java.time.Duration;
import java.util.Objects;

/** How a phone reacts when it rings: answered after a while, rings out, busy, or not reachable at all. */
public sealed interface Pickup {

    /** Answers after {@code after} of ringing (no answer if that exceeds the ring timeout). */
    record AnswersAfter(Duration after) implements Pickup {
        public AnswersAfter {
            Objects.requireNonNull(after, "after");
        }
    }

    /** Rings until the caller gives up (Originate Timeout / Dial timeout). */
    record NoAnswer() implements Pickup {
    }

    /** Busy at once (SIP 486: cause 17, User busy). */
    record Busy() implements Pickup {
    }

    /** The network cannot reach it (SIP 503: cause 34, Circuit/channel congestion; DIALSTATUS CONGESTION). */
    record Congestion() implements Pickup {
    }
}
