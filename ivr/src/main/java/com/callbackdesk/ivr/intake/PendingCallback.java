package com.callbackdesk.ivr.intake;

import java.time.ZonedDateTime;
import java.util.Objects;

/**
 * A callback the caller's number already has, not yet being dialled: the IVR recognises a caller
 * who phones again and offers to cancel it, keep it or change its time.
 *
 * @param callbackId the open callback
 * @param plannedAt  its next attempt, as the IVR speaks it
 */
public record PendingCallback(long callbackId, ZonedDateTime plannedAt) {
    public PendingCallback {
        Objects.requireNonNull(plannedAt, "plannedAt");
    }
}
