package com.callbackdesk.desk.intake;

import java.time.ZonedDateTime;
import java.util.Objects;

/** A callback of the caller's number that no consultant has taken yet, and when it is planned (office time). */
public record WaitingCallback(long callbackId, ZonedDateTime plannedAt) {

    public WaitingCallback {
        Objects.requireNonNull(plannedAt, "plannedAt");
    }
}
