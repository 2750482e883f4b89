package com.callbackdesk.account;

import java.time.Instant;
import java.util.Objects;

/**
 * An API / console account (no password material: that stays in {@link UserAccounts}).
 *
 * @param consultant the consultant login this account works the queue as, or null
 */
public record UserAccount(String login, String displayName, Role role, String consultant, Instant createdAt,
                          Instant updatedAt) {

    public UserAccount {
        Objects.requireNonNull(login, "login");
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(role, "role");
    }

    public boolean supervisor() {
        return role == Role.SUPERVISOR;
    }
}
