package com.callbackdesk.consultant;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;

/**
 * The consultants of the desk (JDBC). Every change is an audited operation — who, when, why,
 * old → new — in the same transaction as the change (nobody edits the
 * consultant table by hand). Thread-safe; each method is one transaction.
 */
public final class ConsultantDirectory {

    private static final Logger LOG = LogManager.getLogger(ConsultantDirectory.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public ConsultantDirectory(Database database, Clock clock) {
        this(Objects.requireNonNull(database, "database").dataSource(), clock);
    }

    public ConsultantDirectory(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(dataSource, "Consultant directory");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Adds a consultant, AWAY until they say they are available.
     *
     * @throws IllegalStateException if the login exists
     */
    public Consultant add(ConsultantProfile profile, Actor who, String why) {
        Objects.requireNonNull(profile, "profile");
        check(who, why);
        Consultant added = jdbc.inTransaction(c -> {
            if (load(c, profile.login(), true).isPresent()) {
                throw new IllegalStateException("Consultant " + profile.login() + " already exists");
            }
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO consultant (login, display_name,"
                    + " team_group, endpoint, supervisor, state, state_since, active, created_at, updated_at)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?)")) {
                ps.setString(1, profile.login());
                ps.setString(2, profile.displayName());
                ps.setString(3, profile.group());
                ps.setString(4, profile.endpoint());
                ps.setBoolean(5, profile.supervisor());
                ps.setString(6, ConsultantState.AWAY.name());
                Jdbc.setInstant(ps, 7, now);
                Jdbc.setInstant(ps, 8, now);
                Jdbc.setInstant(ps, 9, now);
                ps.executeUpdate();
            }
            writeSkills(c, profile.login(), profile.skills());
            writeCodes(c, LANGUAGES, profile.login(), profile.languages());
            writeCodes(c, CATEGORIES, profile.login(), profile.categories());
            audit(c, profile.login(), now, who, "ADDED", why, describe(profile));
            return load(c, profile.login(), false).orElseThrow();
        });
        LOG.info("Consultant {} added by {}: {}", profile.login(), who, why);
        return added;
    }

    /**
     * Replaces the profile (name, group, skills, categories, languages, endpoint, supervisor) of an existing consultant;
     * the audit row lists each field that changed. A change that changes nothing writes nothing.
     */
    public Consultant update(ConsultantProfile profile, Actor who, String why) {
        Objects.requireNonNull(profile, "profile");
        check(who, why);
        return jdbc.inTransaction(c -> {
            Consultant before = require(c, profile.login());
            String detail = diff(before.profile(), profile);
            if (detail == null) {
                return before;
            }
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE consultant SET display_name = ?, team_group = ?,"
                    + " endpoint = ?, supervisor = ?, updated_at = ? WHERE login = ?")) {
                ps.setString(1, profile.displayName());
                ps.setString(2, profile.group());
                ps.setString(3, profile.endpoint());
                ps.setBoolean(4, profile.supervisor());
                Jdbc.setInstant(ps, 5, now);
                ps.setString(6, profile.login());
                ps.executeUpdate();
            }
            if (!before.skills().equals(profile.skills())) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM consultant_skill WHERE login = ?")) {
                    ps.setString(1, profile.login());
                    ps.executeUpdate();
                }
                writeSkills(c, profile.login(), profile.skills());
            }
            if (!before.profile().languages().equals(profile.languages())) {
                replaceCodes(c, LANGUAGES, profile.login(), profile.languages());
            }
            if (!before.profile().categories().equals(profile.categories())) {
                replaceCodes(c, CATEGORIES, profile.login(), profile.categories());
            }
            audit(c, profile.login(), now, who, "UPDATED", why, detail);
            LOG.info("Consultant {} updated by {}: {} ({})", profile.login(), who, why, detail);
            return load(c, profile.login(), false).orElseThrow();
        });
    }

    /**
     * Sets the consultant's state (available, on a call, away), audited. Setting the state it
     * already has writes nothing. An inactive consultant can only be AWAY.
     */
    public Consultant setState(String login, ConsultantState state, Actor who, String why) {
        Objects.requireNonNull(state, "state");
        check(who, why);
        return jdbc.inTransaction(c -> {
            Consultant before = require(c, login);
            if (before.state() == state) {
                return before;
            }
            if (!before.active() && state != ConsultantState.AWAY) {
                throw new IllegalStateException("Consultant " + login + " is no longer active; cannot be " + state);
            }
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE consultant SET state = ?, state_since = ?, updated_at = ? WHERE login = ?")) {
                ps.setString(1, state.name());
                Jdbc.setInstant(ps, 2, now);
                Jdbc.setInstant(ps, 3, now);
                ps.setString(4, login);
                ps.executeUpdate();
            }
            audit(c, login, now, who, "STATE", why, "state: " + before.state() + " → " + state);
            LOG.info("Consultant {} {} -> {} by {}: {}", login, before.state(), state, who, why);
            return load(c, login, false).orElseThrow();
        });
    }

    /** Marks a consultant as having left the desk (AWAY, inactive), or back. Kept for KPIs and audit. */
    public Consultant setActive(String login, boolean active, Actor who, String why) {
        check(who, why);
        return jdbc.inTransaction(c -> {
            Consultant before = require(c, login);
            if (before.active() == active) {
                return before;
            }
            Instant now = now();
            try (PreparedStatement ps = c.prepareStatement("UPDATE consultant SET active = ?, state = ?,"
                    + " state_since = ?, updated_at = ? WHERE login = ?")) {
                ps.setBoolean(1, active);
                ps.setString(2, ConsultantState.AWAY.name());
                Jdbc.setInstant(ps, 3, before.state() == ConsultantState.AWAY ? before.stateSince() : now);
                Jdbc.setInstant(ps, 4, now);
                ps.setString(5, login);
                ps.executeUpdate();
            }
            audit(c, login, now, who, "ACTIVE", why, "active: " + before.active() + " → " + active
                    + (before.state() == ConsultantState.AWAY ? "" : "; state: " + before.state() + " → AWAY"));
            return load(c, login, false).orElseThrow();
        });
    }

    public Optional<Consultant> find(String login) {
        Objects.requireNonNull(login, "login");
        return jdbc.read(c -> load(c, login, false));
    }

    /** All consultants, active or not, by login. */
    public List<Consultant> list() {
        return jdbc.read(c -> {
            Map<String, Set<String>> skills = skills(c, null);
            Map<String, Set<String>> languages = codes(c, LANGUAGES, null);
            Map<String, Set<String>> categories = codes(c, CATEGORIES, null);
            List<Consultant> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM consultant ORDER BY login");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String login = rs.getString("login");
                    out.add(row(rs, skills.getOrDefault(login, Set.of()), categories.getOrDefault(login, Set.of()),
                            languages.getOrDefault(login, Set.of())));
                }
            }
            return out;
        });
    }

    /** The consultant's audit trail, oldest first. */
    public List<ConsultantAuditEntry> history(String login) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, login, occurred_at, actor_kind, actor_name,"
                    + " action, why, detail FROM consultant_audit WHERE login = ? ORDER BY id")) {
                ps.setString(1, login);
                List<ConsultantAuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new ConsultantAuditEntry(rs.getLong("id"), rs.getString("login"),
                                Jdbc.instant(rs, "occurred_at"),
                                new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name")),
                                rs.getString("action"), rs.getString("why"), rs.getString("detail")));
                    }
                }
                return out;
            }
        });
    }

    // ------------------------------------------------------------------ rows

    /**
     * Loads a consultant on {@code c}; with {@code forUpdate} the row stays locked until the
     * transaction ends (the queue uses this so one consultant's claims are serialised).
     */
    public static Optional<Consultant> load(Connection c, String login, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM consultant WHERE login = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setString(1, login);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(row(rs, skills(c, login).getOrDefault(login, Set.of()),
                        codes(c, CATEGORIES, login).getOrDefault(login, Set.of()),
                        codes(c, LANGUAGES, login).getOrDefault(login, Set.of())));
            }
        }
    }

    private static Consultant require(Connection c, String login) throws SQLException {
        Objects.requireNonNull(login, "login");
        return load(c, login, true).orElseThrow(() -> new NoSuchElementException("No consultant " + login));
    }

    private static Map<String, Set<String>> skills(Connection c, String login) throws SQLException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT login, product FROM consultant_skill"
                + (login == null ? "" : " WHERE login = ?"))) {
            if (login != null) {
                ps.setString(1, login);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    /** A list of codes kept one row per code: {@code consultant_language}, {@code consultant_category}. */
    private record CodeTable(String table, String column) {
    }

    private static final CodeTable LANGUAGES = new CodeTable("consultant_language", "language");
    private static final CodeTable CATEGORIES = new CodeTable("consultant_category", "category");

    private static Map<String, Set<String>> codes(Connection c, CodeTable t, String login) throws SQLException {
        Map<String, Set<String>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT login, " + t.column() + " FROM " + t.table()
                + (login == null ? "" : " WHERE login = ?"))) {
            if (login != null) {
                ps.setString(1, login);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
                }
            }
        }
        return out;
    }

    private static void writeCodes(Connection c, CodeTable t, String login, Set<String> codes) throws SQLException {
        if (codes.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + t.table() + " (login, " + t.column()
                + ") VALUES (?, ?)")) {
            for (String s : codes) {
                ps.setString(1, login);
                ps.setString(2, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void replaceCodes(Connection c, CodeTable t, String login, Set<String> codes) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t.table() + " WHERE login = ?")) {
            ps.setString(1, login);
            ps.executeUpdate();
        }
        writeCodes(c, t, login, codes);
    }

    private static Consultant row(ResultSet rs, Set<String> skills, Set<String> categories, Set<String> languages)
            throws SQLException {
        // A consultant row always has skills (the profile requires one); an empty set here would
        // mean someone edited the tables by hand — fail loudly rather than invent a skill.
        ConsultantProfile profile = new ConsultantProfile(rs.getString("login"), rs.getString("display_name"),
                rs.getString("team_group"), skills, rs.getString("endpoint"), rs.getBoolean("supervisor"), categories,
                languages);
        return new Consultant(profile, ConsultantState.valueOf(rs.getString("state")),
                Jdbc.instant(rs, "state_since"), rs.getBoolean("active"));
    }

    private static void writeSkills(Connection c, String login, Set<String> skills) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consultant_skill (login, product) VALUES (?, ?)")) {
            for (String s : skills) {
                ps.setString(1, login);
                ps.setString(2, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The audit action of an attempt the consultant ended (see {@link #auditDialFault}). */
    public static final String DIAL_FAULT = "DIAL_FAULT";

    /**
     * Notes in the consultant's audit, inside the caller's transaction, that an attempt ended by
     * their doing (their phone did not answer, or they cancelled the dial while the caller's phone
     * rang); {@code detail} names the outcome.
     */
    public static void auditDialFault(Connection c, String login, Instant at, Actor who, String why, String detail)
            throws SQLException {
        audit(c, login, at, who, DIAL_FAULT, why, detail);
    }

    private static void audit(Connection c, String login, Instant at, Actor who, String action, String why,
                              String detail) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO consultant_audit (login, occurred_at,"
                + " actor_kind, actor_name, action, why, detail) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, login);
            Jdbc.setInstant(ps, 2, at);
            ps.setString(3, who.kind().name());
            ps.setString(4, who.name());
            ps.setString(5, action);
            ps.setString(6, Jdbc.clip(why, 1000));
            Jdbc.setString(ps, 7, Jdbc.clip(detail, 4000));
            ps.executeUpdate();
        }
    }

    private static String describe(ConsultantProfile p) {
        return "displayName=" + p.displayName() + "; group=" + p.group() + "; skills=" + p.skills()
                + "; categories=" + p.categories() + "; languages=" + p.languages()
                + "; endpoint=" + p.endpoint() + "; supervisor=" + p.supervisor();
    }

    private static String diff(ConsultantProfile a, ConsultantProfile b) {
        StringJoiner d = new StringJoiner("; ");
        diff(d, "displayName", a.displayName(), b.displayName());
        diff(d, "group", a.group(), b.group());
        diff(d, "skills", new TreeSet<>(a.skills()), new TreeSet<>(b.skills()));
        diff(d, "categories", new TreeSet<>(a.categories()), new TreeSet<>(b.categories()));
        diff(d, "languages", new TreeSet<>(a.languages()), new TreeSet<>(b.languages()));
        diff(d, "endpoint", a.endpoint(), b.endpoint());
        diff(d, "supervisor", a.supervisor(), b.supervisor());
        return d.length() == 0 ? null : d.toString();
    }

    private static void diff(StringJoiner d, String field, Object a, Object b) {
        if (!Objects.equals(a, b)) {
            d.add(field + ": " + a + " → " + b);
        }
    }

    private static void check(Actor who, String why) {
        Objects.requireNonNull(who, "who");
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("A reason (why) is required for every audited change");
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
