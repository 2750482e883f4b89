package com.callbackdesk.callback;

import java.util.Objects;

/**
 * Who made a change, for the audit trail.
 *
 * @param kind what sort of party
 * @param name the system component ("intake-route"), the caller's number, the consultant's or supervisor's login
 */
public record Actor(Kind kind, String name) {

    public enum Kind { SYSTEM, CALLER, CONSULTANT, SUPERVISOR }

    public Actor {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (name.isBlank()) {
            throw new IllegalArgumentException("Actor name must not be blank");
        }
        if (name.length() > 128) {
            throw new IllegalArgumentException("Actor name longer than 128 characters: " + name);
        }
    }

    public static Actor system(String component) {
        return new Actor(Kind.SYSTEM, component);
    }

    public static Actor caller(String number) {
        return new Actor(Kind.CALLER, number);
    }

    public static Actor consultant(String login) {
        return new Actor(Kind.CONSULTANT, login);
    }

    public static Actor supervisor(String login) {
        return new Actor(Kind.SUPERVISOR, login);
    }

    @Override
    public String toString() {
        return kind.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
    }
}
