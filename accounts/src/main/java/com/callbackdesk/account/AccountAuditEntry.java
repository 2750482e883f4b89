package com.callbackdesk.account;

import com.callbackdesk.callback.Actor;

import java.time.Instant;

/** One change to an account: who, when, why, what (never the password). */
public record AccountAuditEntry(long id, String login, Instant at, Actor actor, String action, String why,
                                String detail) {
}
