package com.callbackdesk.audit;

import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Reads the desk's audit trails for supervisors: callback transitions
 * ({@code callback_audit}), consultant changes ({@code consultant_audit}), account changes
 * ({@code user_account_audit}) and retry policy versions ({@code retry_policy_version}),
 * filtered and paged, newest first. Read-only: the rows are written by the stores' audited
 * operations and nothing else.
 */
public final class AuditLog {

    public static final int MAX_PAGE_SIZE = 500;

    /** Which trail. */
    public enum Source {
        CALLBACK, CONSULTANT, ACCOUNT, POLICY;

        public static Source parse(String s) {
            if (s != null) {
                for (Source v : values()) {
                    if (v.name().equalsIgnoreCase(s.strip())) {
                        return v;
                    }
                }
            }
            throw new InvalidFieldException("source", "must be one of callback, consultant, account, policy; was " + s);
        }

        public String lower() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A search. Null filters match everything; {@code from}/{@code to} are half-open.
     *
     * @param callbackId only with CALLBACK
     * @param login      the consultant's / account's login (CONSULTANT, ACCOUNT)
     * @param actor      who acted (the actor's name, e.g. a login)
     * @param page       0-based
     * @param size       1..{@value #MAX_PAGE_SIZE}
     */
    public record Query(Source source, Long callbackId, String login, String actor, Instant from, Instant to,
                        int page, int size) {
        public Query {
            Objects.requireNonNull(source, "source");
            if (page < 0) {
                throw new InvalidFieldException("page", "must be 0 or more, was " + page);
            }
            if (size < 1 || size > MAX_PAGE_SIZE) {
                throw new InvalidFieldException("size", "must be 1-" + MAX_PAGE_SIZE + ", was " + size);
            }
            if (callbackId != null && source != Source.CALLBACK) {
                throw new InvalidFieldException("callbackId", "only with source callback");
            }
            if (login != null && source != Source.CONSULTANT && source != Source.ACCOUNT) {
                throw new InvalidFieldException("login", "only with source consultant or account");
            }
            if (from != null && to != null && !from.isBefore(to)) {
                throw new InvalidFieldException("to", "must be after from");
            }
        }
    }

    /**
     * One audit row, whatever its trail. {@code subject} is the callback id, login or policy
     * version it is about; the states only for callbacks.
     */
    public record Entry(Source source, long id, Instant at, String actorKind, String actorName, String action,
                        String why, String subject, String oldState, String newState, String detail) {
    }

    public record Page(List<Entry> items, long total, int page, int size) {
    }

    private final Jdbc jdbc;

    public AuditLog(Database database) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Audit log");
    }

    public Page search(Query q) {
        Trail trail = Trail.of(q.source());
        List<Object> args = new ArrayList<>();
        String where = where(q, trail, args);
        String order = q.source() == Source.POLICY ? " ORDER BY version DESC" : " ORDER BY id DESC";
        return jdbc.read(c -> {
            long total;
            try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + trail.table() + where)) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    total = rs.getLong(1);
                }
            }
            List<Entry> items = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT " + trail.select() + " FROM " + trail.table() + where
                    + order + " LIMIT " + q.size() + " OFFSET " + ((long) q.page() * q.size()))) {
                bind(ps, args);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        items.add(entry(q.source(), rs));
                    }
                }
            }
            return new Page(items, total, q.page(), q.size());
        });
    }

    /**
     * Where a trail is stored: its table, the column naming its subject, the column of its time,
     * and the select list that reads its rows as {@link Entry} columns.
     */
    private record Trail(String table, String subject, String at, String select) {

        static Trail of(Source source) {
            return switch (source) {
                case CALLBACK -> new Trail("callback_audit", "callback_id", "occurred_at",
                        "id, occurred_at AS at, actor_kind, actor_name, action, why, callback_id AS subject,"
                                + " old_state, new_state, detail");
                case CONSULTANT, ACCOUNT -> new Trail(
                        source == Source.CONSULTANT ? "consultant_audit" : "user_account_audit", "login", "occurred_at",
                        "id, occurred_at AS at, actor_kind, actor_name, action, why, login AS subject,"
                                + " NULL AS old_state, NULL AS new_state, detail");
                case POLICY -> new Trail("retry_policy_version", "version", "changed_at",
                        "version AS id, changed_at AS at, actor_kind, actor_name, 'VERSION' AS action, reason AS why,"
                                + " version AS subject, NULL AS old_state, NULL AS new_state, diff AS detail");
            };
        }
    }

    /** The query's filters as a WHERE clause over {@code trail}; their values are added to {@code args} in order. */
    private static String where(Query q, Trail trail, List<Object> args) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        if (q.callbackId() != null) {
            where.append(" AND ").append(trail.subject()).append(" = ?");
            args.add(q.callbackId());
        }
        if (q.login() != null) {
            where.append(" AND ").append(trail.subject()).append(" = ?");
            args.add(q.login());
        }
        if (q.actor() != null) {
            where.append(" AND actor_name = ?");
            args.add(q.actor());
        }
        if (q.from() != null) {
            where.append(" AND ").append(trail.at()).append(" >= ?");
            args.add(q.from());
        }
        if (q.to() != null) {
            where.append(" AND ").append(trail.at()).append(" < ?");
            args.add(q.to());
        }
        return where.toString();
    }

    private static Entry entry(Source source, ResultSet rs) throws SQLException {
        return new Entry(source, rs.getLong("id"), Jdbc.instant(rs, "at"),
                rs.getString("actor_kind"), rs.getString("actor_name"), rs.getString("action"),
                rs.getString("why"), rs.getString("subject"), rs.getString("old_state"),
                rs.getString("new_state"), rs.getString("detail"));
    }

    private static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
        for (int i = 0; i < args.size(); i++) {
            Object a = args.get(i);
            if (a instanceof Instant t) {
                Jdbc.setInstant(ps, i + 1, t);
            } else if (a instanceof Long l) {
                ps.setLong(i + 1, l);
            } else {
                ps.setString(i + 1, (String) a);
            }
        }
    }

}
