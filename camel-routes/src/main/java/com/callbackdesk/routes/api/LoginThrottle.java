package com.callbackdesk.routes.api;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed-login throttling: after {@link #MAX_FAILURES} failed password checks for one login within
 * {@link #WINDOW}, further attempts for that login are refused (429 with Retry-After) without
 * checking the password, until the oldest of those failures is {@link #WINDOW} old. A successful
 * check resets the count. Kept in the serving process's memory (like {@link Sessions}): a restart
 * forgets the counts. Logs the login, never the password.
 */
final class LoginThrottle {

    private static final Logger LOG = LogManager.getLogger(LoginThrottle.class);
    static final int MAX_FAILURES = 5;
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Above this many tracked logins, stale entries are dropped (bounded memory for random logins). */
    private static final int PRUNE_ABOVE = 10_000;

    private final Clock clock;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    LoginThrottle(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws ApiException 429 (with the wait) while {@code login} has too many recent failures */
    void requireAllowed(String login) {
        Deque<Instant> f = failures.get(login);
        if (f == null) {
            return;
        }
        Instant now = clock.instant();
        Instant retryAt;
        synchronized (f) {
            prune(f, now);
            if (f.size() < MAX_FAILURES) {
                return;
            }
            retryAt = f.peekFirst().plus(WINDOW);
        }
        long seconds = Math.max(1, (Duration.between(now, retryAt).toMillis() + 999) / 1000);
        LOG.warn("Login attempt for {} refused without a password check: {} failed attempts within {} minutes;"
                + " retry in {} s", login, MAX_FAILURES, WINDOW.toMinutes(), seconds);
        throw ApiException.tooManyRequests("too many failed logins for " + login + "; try again in "
                + waitText(seconds), seconds);
    }

    void failed(String login) {
        Instant now = clock.instant();
        if (failures.size() > PRUNE_ABOVE) {
            failures.entrySet().removeIf(e -> {
                synchronized (e.getValue()) {
                    prune(e.getValue(), now);
                    return e.getValue().isEmpty();
                }
            });
        }
        Deque<Instant> f = failures.computeIfAbsent(login, k -> new ArrayDeque<>());
        int count;
        synchronized (f) {
            prune(f, now);
            f.addLast(now);
            count = f.size();
        }
        LOG.warn("Failed password check for {} ({} within {} minutes)", login, count, WINDOW.toMinutes());
    }

    void succeeded(String login) {
        failures.remove(login);
    }

    private static void prune(Deque<Instant> f, Instant now) {
        Instant cutoff = now.minus(WINDOW);
        while (!f.isEmpty() && !f.peekFirst().isAfter(cutoff)) {
            f.removeFirst();
        }
    }

    /** "14 minutes 5 seconds", "40 seconds", "1 minute". */
    static String waitText(long seconds) {
        long m = seconds / 60;
        long s = seconds % 60;
        String min = m == 1 ? "1 minute" : m + " minutes";
        String sec = s == 1 ? "1 second" : s + " seconds";
        return m == 0 ? sec : s == 0 ? min : min + " " + sec;
    }
}
