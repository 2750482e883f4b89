package com.callbackdesk.account;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * Console sessions (table {@code console_session}, migration V26): a random 256-bit token — the
 * HttpOnly cookie — for an account's login. In the database, so every node on it accepts the
 * session and a restart keeps it; only the token's SHA-256 is stored, so reading the table does
 * not hand out live sessions (no salt needed: the token is random, not guessable like a password).
 *
 * <p>A session expires after {@link #IDLE} without use. Its last use is written only when it moved
 * by more than {@link #TOUCH_EVERY} (the console polls every few seconds), so a session may expire
 * up to that much early. Expired rows are deleted when presented and, all of them, at every login:
 * the table holds at most the sessions used within the last {@link #IDLE}.
 *
 * <p>This says who holds a token, nothing more: the caller reads the account fresh on every
 * request, so a role change or a removed account applies at once. Tokens are never logged.
 */
public final class Sessions {

    private static final Logger LOG = LogManager.getLogger(Sessions.class);
    public static final Duration IDLE = Duration.ofHours(12);
    /** How far the last use may lag before it is written again. */
    public static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

    private final SecureRandom random = new SecureRandom();
    private final Jdbc jdbc;
    private final Clock clock;

    public Sessions(Database database, Clock clock) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Console sessions");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Starts a session for an existing account's login, returns its token (the only copy). */
    public String open(String login) {
        Objects.requireNonNull(login, "login");
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        Instant now = now();
        int swept = jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO console_session (token_hash, login,"
                    + " created_at, last_seen_at) VALUES (?, ?, ?, ?)")) {
                ps.setString(1, hash(token));
                ps.setString(2, login);
                Jdbc.setInstant(ps, 3, now);
                Jdbc.setInstant(ps, 4, now);
                ps.executeUpdate();
            }
            return sweep(c, now);
        });
        if (swept > 0) {
            LOG.debug("Swept {} expired console session(s)", swept);
        }
        return token;
    }

    /** The login of a live session (and keeps it alive), or empty for an unknown, ended or expired token. */
    public Optional<String> login(String token) {
        if (token == null || token.isEmpty()) {
            return Optional.empty();
        }
        String hash = hash(token);
        Instant now = now();
        record Row(String login, Instant lastSeen) {
        }
        Optional<Row> row = jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT login, last_seen_at FROM console_session"
                    + " WHERE token_hash = ?")) {
                ps.setString(1, hash);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Row(rs.getString(1), Jdbc.instant(rs, "last_seen_at")))
                            : Optional.<Row>empty();
                }
            }
        });
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (row.get().lastSeen().plus(IDLE).isBefore(now)) {
            jdbc.inTransaction(c -> update(c, "DELETE FROM console_session WHERE token_hash = ? AND last_seen_at < ?",
                    hash, now.minus(IDLE)));
            LOG.info("Console session of {} expired after {} h idle", row.get().login(), IDLE.toHours());
            return Optional.empty();
        }
        if (row.get().lastSeen().plus(TOUCH_EVERY).isBefore(now)) {
            // Only forward: another node may have written a later use meanwhile.
            jdbc.inTransaction(c -> {
                try (PreparedStatement ps = c.prepareStatement("UPDATE console_session SET last_seen_at = ?"
                        + " WHERE token_hash = ? AND last_seen_at < ?")) {
                    Jdbc.setInstant(ps, 1, now);
                    ps.setString(2, hash);
                    Jdbc.setInstant(ps, 3, now);
                    return ps.executeUpdate();
                }
            });
        }
        return Optional.of(row.get().login());
    }

    /** Ends the session (logout); nothing happens for an unknown token. */
    public void close(String token) {
        if (token != null && !token.isEmpty()) {
            jdbc.inTransaction(c -> update(c, "DELETE FROM console_session WHERE token_hash = ?", hash(token), null));
        }
    }

    /** Deletes every expired session; returns how many. */
    public int sweep() {
        Instant now = now();
        return jdbc.inTransaction(c -> sweep(c, now));
    }

    private static int sweep(Connection c, Instant now) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM console_session WHERE last_seen_at < ?")) {
            Jdbc.setInstant(ps, 1, now.minus(IDLE));
            return ps.executeUpdate();
        }
    }

    private static int update(Connection c, String sql, String hash, Instant before)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, hash);
            if (before != null) {
                Jdbc.setInstant(ps, 2, before);
            }
            return ps.executeUpdate();
        }
    }

    /** The stored form of a token: SHA-256, hex. */
    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
