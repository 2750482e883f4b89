package com.callbackdesk.desk.intake;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A committed intake as the caller is told it: the callback (new, or the open one of the number
 * it merged into), when the first — or next — attempt is, in office time, and whether it had to
 * move to the next business day.
 */
public record IntakeReceipt(long callbackId, boolean merged, ZonedDateTime attemptAt, boolean nextBusinessDay) {

    public IntakeReceipt {
        Objects.requireNonNull(attemptAt, "attemptAt");
    }
}
