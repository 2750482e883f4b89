package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.storage.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * The {@code callback} row as the store's reads, the lifecycle and intake all read it: the column
 * list, the row mapper, the (locked) load by id. Times are truncated to microseconds, what both
 * databases store, so a value read back equals the value written.
 */
final class CallbackRows {

    static final String COLUMNS = "id, state, caller_id, callback_number, number_source, language, product,"
            + " category, urgency, reachable_until, screenshot_choice, escalation_level, call_unique_id,"
            + " created_at, updated_at, merge_count, not_before, planned_at, policy_version";

    private CallbackRows() {
    }

    static Optional<Callback> load(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callback WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            return one(ps);
        }
    }

    static Optional<Callback> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    static List<Callback> all(PreparedStatement ps) throws SQLException {
        List<Callback> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    static Callback row(ResultSet rs) throws SQLException {
        int pv = rs.getInt("policy_version");
        Integer policyVersion = rs.wasNull() ? null : pv;
        return new Callback(
                rs.getLong("id"),
                CallbackState.valueOf(rs.getString("state")),
                rs.getString("caller_id"),
                rs.getString("callback_number"),
                NumberSource.valueOf(rs.getString("number_source")),
                rs.getString("language"),
                rs.getString("product"),
                rs.getString("category"),
                Urgency.valueOf(rs.getString("urgency")),
                rs.getObject("reachable_until", LocalTime.class),
                ScreenshotChoice.valueOf(rs.getString("screenshot_choice")),
                EscalationLevel.valueOf(rs.getString("escalation_level")),
                rs.getString("call_unique_id"),
                Jdbc.instant(rs, "created_at"),
                Jdbc.instant(rs, "updated_at"),
                rs.getInt("merge_count"),
                Jdbc.instant(rs, "not_before"),
                Jdbc.instant(rs, "planned_at"),
                policyVersion);
    }

    static CallbackState stateOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT state FROM callback WHERE id = ?")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new NoSuchElementException("No callback " + id);
                }
                return CallbackState.valueOf(rs.getString(1));
            }
        }
    }

    static Instant truncate(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    static void setTime(PreparedStatement ps, int i, LocalTime v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIME);
        } else {
            ps.setObject(i, v);
        }
    }
}
