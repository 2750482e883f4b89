package com.callbackdesk.routes.dialer;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The in-flight dials ({@code callback_dial}, migration V25): one row per Originate, written
 * before it is sent, so an Originate whose result never comes (the AMI connection dropped) is
 * found by the watchdog instead of being forgotten — or sent again.
 */
public final class DialTracking {

    /** How far a dial got, as the AMI events told. */
    public enum Progress {
        /** Written; the Originate is being sent. */
        ORIGINATING,
        /** Asterisk answered "Originate successfully queued": the consultant's phone rings. */
        QUEUED,
        /** The consultant answered ([callback] runs). */
        CONSULTANT_ANSWERED,
        /** [callback]'s Dial rings the caller. */
        CALLER_RINGING,
        /** The caller answered: the conversation. */
        TALKING,
        /** Over (see end_reason). */
        ENDED
    }

    /** One row. */
    public record Dial(long id, long callbackId, long attemptId, String actionId, String consultant, String channel,
                       Instant windowLatest, Instant originatedAt, Instant resultDueAt, Progress progress,
                       Integer originateReason, String consultantCall, String callerCall, Instant endedAt,
                       String endReason) {

        public boolean open() {
            return endedAt == null;
        }

        /** Whether an AMI channel name (PJSIP/alice-0000002a) is this dial's consultant leg. */
        public boolean consultantChannel(String channelName) {
            return channelName != null && channelName.startsWith(channel + "-");
        }
    }

    private final Jdbc jdbc;

    public DialTracking(Database database) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Dial tracking");
    }

    public Dial insert(long callbackId, long attemptId, String actionId, String consultant, String channel,
                       Instant windowLatest, Instant originatedAt, Instant resultDueAt) {
        long id = jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback_dial (callback_id, attempt_id,"
                    + " action_id, consultant, channel, window_latest, originated_at, result_due_at, progress)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", new String[] {"id"})) {
                ps.setLong(1, callbackId);
                ps.setLong(2, attemptId);
                ps.setString(3, actionId);
                ps.setString(4, consultant);
                ps.setString(5, channel);
                Jdbc.setInstant(ps, 6, windowLatest);
                Jdbc.setInstant(ps, 7, originatedAt);
                Jdbc.setInstant(ps, 8, resultDueAt);
                ps.setString(9, Progress.ORIGINATING.name());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return find("id = ?", id).orElseThrow();
    }

    public Optional<Dial> byActionId(String actionId) {
        if (actionId == null) {
            return Optional.empty();
        }
        return jdbc.read(c -> one(c, "action_id = ?", actionId));
    }

    /** The dial whose caller leg has this Asterisk uniqueid (from its DialBegin/DialEnd), if any. */
    public Optional<Dial> byCallerCall(String uniqueId) {
        if (uniqueId == null || uniqueId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.read(c -> one(c, "caller_call = ? ORDER BY id DESC", uniqueId));
    }

    /** The dial whose consultant leg has this Asterisk uniqueid, if any. */
    public Optional<Dial> byConsultantCall(String uniqueId) {
        if (uniqueId == null || uniqueId.isBlank()) {
            return Optional.empty();
        }
        return jdbc.read(c -> one(c, "consultant_call = ? ORDER BY id DESC", uniqueId));
    }

    /**
     * Dials that ended in [{@code from}, {@code to}) after the caller answered, whose caller's leg
     * has no survey result yet: a survey is still owed to them (the leg is in the survey, or the
     * check that would settle it was lost with a restart or with AMI events). Oldest first.
     */
    public List<Dial> owingSurvey(Instant from, Instant to) {
        return jdbc.read(c -> many(c, "ended_at >= ? AND ended_at < ? AND caller_call IS NOT NULL"
                + " AND EXISTS (SELECT 1 FROM callback_attempt a WHERE a.id = callback_dial.attempt_id"
                + " AND a.answered_at IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM survey_result s"
                + " WHERE s.callback_id = callback_dial.callback_id AND s.call_id = callback_dial.caller_call)"
                + " ORDER BY id", from, to));
    }

    /** Dials not ended yet, oldest first (a handful: one per consultant at most). */
    public List<Dial> open() {
        return jdbc.read(c -> many(c, "ended_at IS NULL ORDER BY id"));
    }

    /** The dials of a callback, oldest first. */
    public List<Dial> ofCallback(long callbackId) {
        return jdbc.read(c -> many(c, "callback_id = ? ORDER BY id", callbackId));
    }

    /**
     * Moves an open dial on ({@code progress} null = keeps it); the ids and reason are kept when
     * already known. Returns false when it had ended.
     */
    public boolean progress(long dialId, Progress progress, Integer originateReason, String consultantCall,
                            String callerCall) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callback_dial SET progress = COALESCE(?, progress),"
                    + " originate_reason = COALESCE(?, originate_reason), consultant_call = COALESCE(?, consultant_call),"
                    + " caller_call = COALESCE(?, caller_call) WHERE id = ? AND ended_at IS NULL")) {
                Jdbc.setString(ps, 1, progress == null ? null : progress.name());
                Jdbc.setInteger(ps, 2, originateReason);
                Jdbc.setString(ps, 3, Jdbc.clip(consultantCall, 64));
                Jdbc.setString(ps, 4, Jdbc.clip(callerCall, 64));
                ps.setLong(5, dialId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    /**
     * Asterisk queued the Originate: ORIGINATING → QUEUED, only if no event moved the dial on
     * already (the response and the first events race; progress never goes back).
     */
    public boolean markQueued(long dialId) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callback_dial SET progress = ? WHERE id = ?"
                    + " AND progress = ? AND ended_at IS NULL")) {
                ps.setString(1, Progress.QUEUED.name());
                ps.setLong(2, dialId);
                ps.setString(3, Progress.ORIGINATING.name());
                return ps.executeUpdate() == 1;
            }
        });
    }

    /** Ends an open dial once. Returns false when it had already ended (a late or repeated event). */
    public boolean end(long dialId, Instant at, String reason) {
        return jdbc.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE callback_dial SET progress = ?, ended_at = ?,"
                    + " end_reason = ? WHERE id = ? AND ended_at IS NULL")) {
                ps.setString(1, Progress.ENDED.name());
                Jdbc.setInstant(ps, 2, at);
                ps.setString(3, Jdbc.clip(reason, 64));
                ps.setLong(4, dialId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private Optional<Dial> find(String where, Object value) {
        return jdbc.read(c -> one(c, where, value));
    }

    private static Optional<Dial> one(Connection c, String where, Object value) throws SQLException {
        List<Dial> all = value == null ? many(c, where) : many(c, where, value);
        return all.isEmpty() ? Optional.empty() : Optional.of(all.get(0));
    }

    private static List<Dial> many(Connection c, String where, Object... values) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT * FROM callback_dial WHERE " + where)) {
            for (int i = 0; i < values.length; i++) {
                if (values[i] instanceof Instant at) {
                    Jdbc.setInstant(ps, i + 1, at);
                } else {
                    ps.setObject(i + 1, values[i]);
                }
            }
            List<Dial> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Dial(rs.getLong("id"), rs.getLong("callback_id"), rs.getLong("attempt_id"),
                            rs.getString("action_id"), rs.getString("consultant"), rs.getString("channel"),
                            Jdbc.instant(rs, "window_latest"), Jdbc.instant(rs, "originated_at"),
                            Jdbc.instant(rs, "result_due_at"), Progress.valueOf(rs.getString("progress")),
                            Jdbc.integer(rs, "originate_reason"), rs.getString("consultant_call"),
                            rs.getString("caller_call"), Jdbc.instant(rs, "ended_at"), rs.getString("end_reason")));
                }
            }
            return out;
        }
    }
}
