package com.callbackdesk.desk.intake;

import java.time.ZonedDateTime;
import java.util.Objects;

/** What came of the caller's "call me at HH:MM": the attempt moved there, or why it could not. */
public sealed interface ChosenTime {

    /** The next attempt is now at {@code attemptAt} (office time). */
    record Moved(long callbackId, ZonedDateTime attemptAt) implements ChosenTime {
        public Moved {
            Objects.requireNonNull(attemptAt, "attemptAt");
        }
    }

    /** The time could not change (the callback moved on, or no attempt is possible). */
    record Refused(String detail) implements ChosenTime {
        public Refused {
            Objects.requireNonNull(detail, "detail");
        }
    }
}
