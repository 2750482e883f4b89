package com.callbackdesk.consultant;

import com.callbackdesk.callback.Actor;

import java.time.Instant;

/**
 * One change to a consultant: who, when, why, what.
 *
 * @param action ADDED, UPDATED, STATE, ACTIVE
 * @param detail "field: old → new; ..."
 */
public record ConsultantAuditEntry(long id, String login, Instant at, Actor actor, String action, String why,
                                   String detail) {
}
