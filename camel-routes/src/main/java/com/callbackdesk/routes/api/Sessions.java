package com.callbackdesk.routes.api;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Console sessions: a random 256-bit token (the HttpOnly cookie) → the account's login. In the
 * serving process's memory: a restart logs everyone out, which for a console is acceptable and
 * keeps session tokens out of the database. Idle sessions expire.
 */
public final class Sessions {

    public static final String COOKIE = "CBD_SESSION";
    public static final Duration IDLE = Duration.ofHours(12);

    private record Session(String login, Instant lastSeen) {
    }

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final Clock clock;

    public Sessions(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts a session, returns its token. */
    public String open(String login) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        sessions.put(token, new Session(login, clock.instant()));
        return token;
    }

    /** The login of a live session (and keeps it alive), or empty. */
    public Optional<String> login(String token) {
        if (token == null) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Session s = sessions.get(token);
        if (s == null) {
            return Optional.empty();
        }
        if (s.lastSeen().plus(IDLE).isBefore(now)) {
            sessions.remove(token, s);
            return Optional.empty();
        }
        sessions.put(token, new Session(s.login(), now));
        return Optional.of(s.login());
    }

    public void close(String token) {
        if (token != null) {
            sessions.remove(token);
        }
    }
}
