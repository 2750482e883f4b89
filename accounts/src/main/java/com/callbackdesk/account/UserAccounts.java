package com.callbackdesk.account;

import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Accounts of the REST API and web console (table {@code user_account}, migration V23). Every
 * change is one transaction with its audit row ({@code user_account_audit}: who, when, why,
 * what); passwords are kept only as {@link PasswordHash PBKDF2} hashes.
 */
public final class UserAccounts {

    private static final Logger LOG = LogManager.getLogger(UserAccounts.class);
    private static final Pattern LOGIN = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
    public static final int MIN_PASSWORD = 8;
    public static final int MAX_PASSWORD = 128;

    private final Jdbc jdbc;
    private final Clock clock;
    private final int iterations;
    /** Verified when the login is unknown, so a wrong login takes as long as a wrong password. */
    private final PasswordHash.Stored dummy;

    public UserAccounts(Database database, Clock clock) {
        this(database, clock, PasswordHash.DEFAULT_ITERATIONS);
    }

    /** @param iterations PBKDF2 iterations for passwords set from now on (tests use few) */
    public UserAccounts(Database database, Clock clock, int iterations) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "User accounts");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be positive, was " + iterations);
        }
        this.iterations = iterations;
        this.dummy = PasswordHash.hash("not-a-password".toCharArray(), iterations);
    }

    /**
     * Creates an account.
     *
     * @param consultant the consultant login it works the queue as, or null
     * @throws IllegalArgumentException naming the field ("login: ...") for bad input, or when the login exists
     */
    public UserAccount create(String login, String displayName, Role role, String consultant, char[] password,
                              Actor who, String why) {
        checkLogin(login);
        checkDisplayName(displayName);
        Objects.requireNonNull(role, "role");
        checkPassword(password);
        check(who, why);
        PasswordHash.Stored stored = PasswordHash.hash(password, iterations);
        UserAccount created = jdbc.inTransaction(c -> {
            if (load(c, login).isPresent()) {
                throw new InvalidFieldException("login", "account " + login + " already exists");
            }
            requireConsultant(c, consultant);
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_account (login, display_name, role,"
                    + " consultant, password_hash, password_salt, iterations, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                ps.setString(1, login);
                ps.setString(2, displayName.strip());
                ps.setString(3, role.name());
                Jdbc.setString(ps, 4, consultant);
                ps.setString(5, stored.hash());
                ps.setString(6, stored.salt());
                ps.setInt(7, stored.iterations());
                Jdbc.setInstant(ps, 8, now);
                Jdbc.setInstant(ps, 9, now);
                ps.executeUpdate();
            }
            audit(c, login, now, who, "CREATED", why, "role " + role.lower()
                    + (consultant == null ? "" : ", consultant " + consultant) + ", name " + displayName.strip());
            return load(c, login).orElseThrow();
        });
        LOG.info("Account {} ({}) created by {}: {}", login, role.lower(), who, why);
        return created;
    }

    /**
     * Sets a new password (audited; the audit row never holds it) and, in the same transaction,
     * ends every console session of the account: a password is changed because it may be known
     * to someone else, who may also hold a session opened with it.
     */
    public UserAccount setPassword(String login, char[] password, Actor who, String why) {
        checkPassword(password);
        check(who, why);
        PasswordHash.Stored stored = PasswordHash.hash(password, iterations);
        return change(login, who, why, "PASSWORD", "password changed; its console sessions ended",
                "password_hash = ?, password_salt = ?, iterations = ?", ps -> {
                    ps.setString(1, stored.hash());
                    ps.setString(2, stored.salt());
                    ps.setInt(3, stored.iterations());
                    return 4;
                }, c -> {
                    try (PreparedStatement ps = c.prepareStatement("DELETE FROM console_session WHERE login = ?")) {
                        ps.setString(1, login);
                        int ended = ps.executeUpdate();
                        if (ended > 0) {
                            LOG.info("Password of {} changed: {} console session(s) ended", login, ended);
                        }
                    }
                });
    }

    /** Changes the role (audited with old → new). */
    public UserAccount setRole(String login, Role role, Actor who, String why) {
        Objects.requireNonNull(role, "role");
        check(who, why);
        UserAccount before = find(login).orElseThrow(() -> new NoSuchElementException("No account " + login));
        return change(login, who, why, "ROLE", "role: " + before.role().lower() + " → " + role.lower(), "role = ?",
                ps -> {
                    ps.setString(1, role.name());
                    return 2;
                });
    }

    /** Links the account to a consultant (or unlinks it with null), audited with old → new. */
    public UserAccount linkConsultant(String login, String consultant, Actor who, String why) {
        check(who, why);
        UserAccount before = find(login).orElseThrow(() -> new NoSuchElementException("No account " + login));
        jdbc.read(c -> {
            requireConsultant(c, consultant);
            return null;
        });
        return change(login, who, why, "CONSULTANT", "consultant: " + before.consultant() + " → " + consultant,
                "consultant = ?", ps -> {
                    Jdbc.setString(ps, 1, consultant);
                    return 2;
                });
    }

    /** The account whose password this is, or empty for an unknown login or a wrong password. */
    public Optional<UserAccount> authenticate(String login, char[] password) {
        if (login == null || password == null) {
            return Optional.empty();
        }
        Optional<PasswordHash.Stored> stored = jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_hash, password_salt, iterations"
                    + " FROM user_account WHERE login = ?")) {
                ps.setString(1, login);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new PasswordHash.Stored(rs.getString(1), rs.getString(2),
                            rs.getInt(3))) : Optional.<PasswordHash.Stored>empty();
                }
            }
        });
        boolean ok = PasswordHash.matches(password, stored.orElse(dummy)) && stored.isPresent();
        return ok ? find(login) : Optional.empty();
    }

    /**
     * Changes whenever the account's password is set (it is the password's random salt, which is
     * not secret): lets a caller that remembered a successful check know it still holds.
     */
    public Optional<String> credentialStamp(String login) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT password_salt FROM user_account WHERE login = ?")) {
                ps.setString(1, login);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
                }
            }
        });
    }

    public Optional<UserAccount> find(String login) {
        return jdbc.read(c -> load(c, login));
    }

    /** All accounts, by login. */
    public List<UserAccount> list() {
        return jdbc.read(c -> {
            List<UserAccount> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM user_account ORDER BY login");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(row(rs));
                }
            }
            return out;
        });
    }

    /** The account's audit trail, oldest first. */
    public List<AccountAuditEntry> history(String login) {
        return jdbc.read(c -> {
            List<AccountAuditEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM user_account_audit WHERE login = ? ORDER BY id")) {
                ps.setString(1, login);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new AccountAuditEntry(rs.getLong("id"), rs.getString("login"),
                                Jdbc.instant(rs, "occurred_at"), new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")),
                                rs.getString("actor_name")), rs.getString("action"), rs.getString("why"),
                                rs.getString("detail")));
                    }
                }
            }
            return out;
        });
    }

    // ------------------------------------------------------------------ internals

    private interface Binder {
        /** Binds the SET values, returns the next parameter index. */
        int bind(PreparedStatement ps) throws SQLException;
    }

    /** What else a change does in its transaction. */
    private interface AlsoInTransaction {
        void run(Connection c) throws SQLException;
    }

    private UserAccount change(String login, Actor who, String why, String action, String detail, String set,
                               Binder binder) {
        return change(login, who, why, action, detail, set, binder, c -> { });
    }

    private UserAccount change(String login, Actor who, String why, String action, String detail, String set,
                               Binder binder, AlsoInTransaction also) {
        UserAccount after = jdbc.inTransaction(c -> {
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE user_account SET " + set + ", updated_at = ?"
                    + " WHERE login = ?")) {
                int i = binder.bind(ps);
                Jdbc.setInstant(ps, i, now);
                ps.setString(i + 1, login);
                if (ps.executeUpdate() != 1) {
                    throw new NoSuchElementException("No account " + login);
                }
            }
            audit(c, login, now, who, action, why, detail);
            also.run(c);
            return load(c, login).orElseThrow();
        });
        LOG.info("Account {} changed by {} ({}): {}", login, who, detail, why);
        return after;
    }

    private static void requireConsultant(Connection c, String consultant) throws SQLException {
        if (consultant == null) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM consultant WHERE login = ?")) {
            ps.setString(1, consultant);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new InvalidFieldException("consultant", "no consultant with login " + consultant);
                }
            }
        }
    }

    private static void audit(Connection c, String login, Instant at, Actor who, String action, String why,
                              String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO user_account_audit (login, occurred_at,"
                + " actor_kind, actor_name, action, why, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, login);
            Jdbc.setInstant(ps, 2, at);
            ps.setString(3, who.kind().name());
            ps.setString(4, who.name());
            ps.setString(5, action);
            ps.setString(6, Jdbc.clip(why.strip(), 1000));
            Jdbc.setString(ps, 7, Jdbc.clip(detail, 4000));
            ps.executeUpdate();
        }
    }

    private static Optional<UserAccount> load(Connection c, String login) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM user_account WHERE login = ?")) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    private static UserAccount row(ResultSet rs) throws SQLException {
        return new UserAccount(rs.getString("login"), rs.getString("display_name"), Role.valueOf(rs.getString("role")),
                rs.getString("consultant"), Jdbc.instant(rs, "created_at"), Jdbc.instant(rs, "updated_at"));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static void checkLogin(String login) {
        if (login == null || !LOGIN.matcher(login).matches()) {
            throw new InvalidFieldException("login", "1-64 characters a-z, 0-9, '.', '_', '-' starting with a"
                    + " letter or digit, was " + login);
        }
    }

    private static void checkDisplayName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > 128) {
            throw new InvalidFieldException("displayName", "1-128 characters required");
        }
    }

    private static void checkPassword(char[] password) {
        if (password == null || password.length < MIN_PASSWORD || password.length > MAX_PASSWORD) {
            throw new InvalidFieldException("password", "" + MIN_PASSWORD + "-" + MAX_PASSWORD + " characters required");
        }
    }

    private static void check(Actor who, String why) {
        Objects.requireNonNull(who, "who");
        if (why == null || why.isBlank()) {
            throw new InvalidFieldException("why", "required — say why the account changes");
        }
    }
}
