package com.callbackdesk.account;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Failed-login throttling: after {@link #MAX_FAILURES} failed password checks for one login within
 * {@link #WINDOW}, further attempts for that login are refused ({@link LoginThrottledException})
 * without checking the password, until enough of those failures are {@link #WINDOW} old. A
 * successful check resets the count. The failures are rows of {@code login_failure} (migration
 * V26), so every node on the database counts them together and a restart keeps them; rows older
 * than the window are swept whenever a failure is recorded. Logs the login, never the password.
 */
public final class LoginThrottle {

    private static final Logger LOG = LogManager.getLogger(LoginThrottle.class);
    public static final int MAX_FAILURES = 5;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    /** The column's width: a longer "login" is no account's, its failures still count under the cut. */
    private static final int MAX_LOGIN = 64;

    private final Jdbc jdbc;
    private final Clock clock;

    public LoginThrottle(Database database, Clock clock) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Login throttle");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** @throws LoginThrottledException (with the wait) while {@code login} has too many recent failures */
    public void requireAllowed(String login) {
        String key = key(login);
        Instant now = now();
        List<Instant> recent = jdbc.read(c -> recent(c, key, now));
        if (recent.size() < MAX_FAILURES) {
            return;
        }
        // Allowed again once fewer than MAX_FAILURES remain in the window (recent is oldest first).
        Instant retryAt = recent.get(recent.size() - MAX_FAILURES).plus(WINDOW);
        long seconds = Math.max(1, (Duration.between(now, retryAt).toMillis() + 999) / 1000);
        LOG.warn("Login attempt for {} refused without a password check: {} failed attempts within {} minutes;"
                + " retry in {} s", login, recent.size(), WINDOW.toMinutes(), seconds);
        throw new LoginThrottledException(login, seconds);
    }

    public void failed(String login) {
        String key = key(login);
        Instant now = now();
        int count = jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE failed_at <= ?")) {
                Jdbc.setInstant(ps, 1, now.minus(WINDOW));
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO login_failure (login, failed_at) VALUES (?, ?)")) {
                ps.setString(1, key);
                Jdbc.setInstant(ps, 2, now);
                ps.executeUpdate();
            }
            return recent(c, key, now).size();
        });
        LOG.warn("Failed password check for {} ({} within {} minutes)", login, count, WINDOW.toMinutes());
    }

    public void succeeded(String login) {
        String key = key(login);
        jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM login_failure WHERE login = ?")) {
                ps.setString(1, key);
                return ps.executeUpdate();
            }
        });
    }

    /** The login's failures within the window ending {@code now}, oldest first. */
    private static List<Instant> recent(Connection c, String key, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT failed_at FROM login_failure WHERE login = ?"
                + " AND failed_at > ? ORDER BY failed_at")) {
            ps.setString(1, key);
            Jdbc.setInstant(ps, 2, now.minus(WINDOW));
            List<Instant> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(Jdbc.instant(rs, "failed_at"));
                }
            }
            return out;
        }
    }

    private static String key(String login) {
        String l = login == null ? "" : login;
        return l.length() <= MAX_LOGIN ? l : l.substring(0, MAX_LOGIN);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    /** "14 minutes 5 seconds", "40 seconds", "1 minute". */
    public static String waitText(long seconds) {
        long m = seconds / 60;
        long s = seconds % 60;
        String min = m == 1 ? "1 minute" : m + " minutes";
        String sec = s == 1 ? "1 second" : s + " seconds";
        return m == 0 ? sec : s == 0 ? min : min + " " + sec;
    }
}
