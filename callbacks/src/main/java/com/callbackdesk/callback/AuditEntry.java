package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import java.time.Instant;
import java.util.Objects;

/**
 * One row of a callback's audit trail: who, when, why, old → new.
 *
 * @param id         increasing per store
 * @param callbackId the callback
 * @param at         when (the store's clock)
 * @param actor      who
 * @param action     what kind of change
 * @param why        the reason given by the caller of the store
 * @param oldState   state before (null for CREATED)
 * @param newState   state after
 * @param detail     what changed besides the state, "field: old → new; ..." (may be null)
 */
public record AuditEntry(
        long id,
        long callbackId,
        Instant at,
        Actor actor,
        Action action,
        String why,
        CallbackState oldState,
        CallbackState newState,
        String detail) {

    public enum Action {
        /** Intake committed a new callback. */
        CREATED,
        /** A repeat request was merged into the callback. */
        MERGED,
        /** The state moved. */
        TRANSITION,
        /** Non-state fields changed (plan, policy version, escalation, ...). */
        UPDATED,
        /** The callback's screenshot step moved (link requested, sent, received, declined, failed). */
        SCREENSHOT
    }

    public AuditEntry {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(newState, "newState");
    }
}
