package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * Commits what the IVR captured: a new PENDING callback, or a merge into the number's open one.
 *
 * <p><b>Merging repeat callers.</b> Table {@code open_callback_number} holds one row per number
 * that has an open callback. Intake inserts it in the same transaction as the callback; a
 * duplicate-key violation means another request for that number won the race, and the
 * transaction is retried as a merge ({@link Jdbc#inTransaction} retries lost races). A transition
 * to a closed state deletes the row in the same transaction ({@link CallbackLifecycle}). This
 * holds across threads, connections and processes on H2 and PostgreSQL.
 */
public final class IntakeCommits {

    private static final Logger LOG = LogManager.getLogger(IntakeCommits.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public IntakeCommits(DataSource dataSource, Clock clock) {
        this(new Jdbc(dataSource, CallbackStore.WHAT), clock);
    }

    IntakeCommits(Jdbc jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Commits a captured request: a new PENDING callback, or — when the callback number already
     * has an open callback — a merge into that one (no second row). Either way it is committed,
     * with an audit row, before this returns, so the IVR may then promise the callback.
     *
     * <p>What a merge does to the open callback, as a contact centre expects it:
     * <ul>
     *   <li>{@code mergeCount} + 1, and a {@code callback_merge} row with everything the repeat call
     *       captured (its call uniqueid, product, category, ...), so the consultant sees every call;
     *   <li>urgency only goes up: an URGENT repeat makes a NORMAL callback URGENT; a NORMAL repeat
     *       never downgrades an URGENT one (the caller calling again is not a sign it got less urgent);
     *   <li>reachable-until: the <em>newest</em> statement wins, including "until the office
     *       closes" (null). It is the caller's latest word about their day — typically "I'm leaving
     *       earlier than I said", and a time stated on an earlier day means nothing today. Taking
     *       the earliest of all statements would keep a stale early deadline forever;
     *   <li>product, category, language, screenshot choice, caller ID and escalation level of the
     *       open callback stay as they are (the merge row keeps the repeat's values).
     * </ul>
     * {@link IntakeResult.Merged#planAffected()} says whether urgency or reachable-until changed,
     * i.e. whether the planned attempt must be re-planned.
     *
     * @param request what the IVR captured
     * @param who     who records it (normally {@code Actor.system("intake-route")})
     */
    public IntakeResult record(NewCallback request, Actor who) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(who, "who");
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", request.callUniqueId())) {
            IntakeResult result = jdbc.inTransaction(c -> {
                Long openId = openCallbackIdForUpdate(c, request.callbackNumber());
                return openId != null ? merge(c, openId, request, who) : create(c, request, who);
            });
            ctx.put("callback", Long.toString(result.callback().id()));
            if (result instanceof IntakeResult.Merged m) {
                LOG.info("Intake merged into open callback (now {} merge(s), {})",
                        m.existing().mergeCount(), m.existing().state());
            } else {
                LOG.info("Intake created callback ({}, {})", result.callback().urgency(), result.callback().state());
            }
            return result;
        }
    }

    private IntakeResult create(Connection c, NewCallback r, Actor who) throws SQLException {
        Instant now = now();
        long id;
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback (state, caller_id, callback_number,"
                + " number_source, language, product, category, urgency, reachable_until, screenshot_choice,"
                + " escalation_level, call_unique_id, created_at, updated_at, merge_count)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)", new String[] {"id"})) {
            int i = 0;
            ps.setString(++i, CallbackState.PENDING.name());
            Jdbc.setString(ps, ++i, r.callerId());
            ps.setString(++i, r.callbackNumber());
            ps.setString(++i, r.numberSource().name());
            Jdbc.setString(ps, ++i, r.language());
            ps.setString(++i, r.product());
            ps.setString(++i, r.category());
            ps.setString(++i, r.urgency().name());
            CallbackRows.setTime(ps, ++i, r.reachableUntil());
            ps.setString(++i, r.screenshotChoice().name());
            ps.setString(++i, EscalationLevel.NORMAL.name());
            ps.setString(++i, r.callUniqueId());
            Jdbc.setInstant(ps, ++i, now);
            Jdbc.setInstant(ps, ++i, now);
            ps.executeUpdate();
            try (ResultSet keys = ps.getGeneratedKeys()) {
                if (!keys.next()) {
                    throw new SQLException("No id generated for the new callback");
                }
                id = keys.getLong(1);
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO open_callback_number (callback_number, callback_id) VALUES (?, ?)")) {
            ps.setString(1, r.callbackNumber());
            ps.setLong(2, id);
            ps.executeUpdate(); // a duplicate key here: another request won the race -> retried as a merge
        }
        CallbackLifecycle.audit(c, id, now, who, AuditEntry.Action.CREATED, "intake", null, CallbackState.PENDING,
                "call=" + r.callUniqueId() + (r.channel() == null ? "" : ", channel=" + r.channel())
                        + ", capturedAt=" + r.capturedAt());
        return new IntakeResult.Created(CallbackRows.load(c, id, false).orElseThrow());
    }

    private IntakeResult merge(Connection c, long id, NewCallback r, Actor who) throws SQLException {
        Callback before = CallbackRows.load(c, id, true).orElseThrow(
                () -> new IllegalStateException("open_callback_number points at missing callback " + id));
        if (!before.isOpen()) {
            throw new IllegalStateException("open_callback_number points at callback " + id + " which is "
                    + before.state());
        }
        Instant now = now();
        Urgency urgency = before.urgency() == Urgency.URGENT || r.urgency() == Urgency.URGENT
                ? Urgency.URGENT : Urgency.NORMAL;
        LocalTime reachableUntil = r.reachableUntil();
        try (PreparedStatement ps = c.prepareStatement("UPDATE callback SET merge_count = merge_count + 1,"
                + " urgency = ?, reachable_until = ?, updated_at = ? WHERE id = ?")) {
            ps.setString(1, urgency.name());
            CallbackRows.setTime(ps, 2, reachableUntil);
            Jdbc.setInstant(ps, 3, now);
            ps.setLong(4, id);
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback_merge (callback_id, merged_at,"
                + " call_unique_id, channel, caller_id, callback_number, number_source, language, product, category,"
                + " urgency, reachable_until, screenshot_choice, captured_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            int i = 0;
            ps.setLong(++i, id);
            Jdbc.setInstant(ps, ++i, now);
            ps.setString(++i, r.callUniqueId());
            Jdbc.setString(ps, ++i, r.channel());
            Jdbc.setString(ps, ++i, r.callerId());
            ps.setString(++i, r.callbackNumber());
            ps.setString(++i, r.numberSource().name());
            Jdbc.setString(ps, ++i, r.language());
            ps.setString(++i, r.product());
            ps.setString(++i, r.category());
            ps.setString(++i, r.urgency().name());
            CallbackRows.setTime(ps, ++i, r.reachableUntil());
            ps.setString(++i, r.screenshotChoice().name());
            Jdbc.setInstant(ps, ++i, r.capturedAt().truncatedTo(ChronoUnit.MICROS));
            ps.executeUpdate();
        }
        StringJoiner detail = new StringJoiner("; ");
        detail.add("call=" + r.callUniqueId() + (r.channel() == null ? "" : ", channel=" + r.channel()));
        detail.add("mergeCount: " + before.mergeCount() + " → " + (before.mergeCount() + 1));
        boolean urgencyChanged = urgency != before.urgency();
        boolean reachableChanged = !Objects.equals(reachableUntil, before.reachableUntil());
        if (urgencyChanged) {
            detail.add("urgency: " + before.urgency() + " → " + urgency);
        }
        if (reachableChanged) {
            detail.add("reachableUntil: " + CallbackLifecycle.show(before.reachableUntil()) + " → " + CallbackLifecycle.show(reachableUntil));
        }
        CallbackLifecycle.audit(c, id, now, who, AuditEntry.Action.MERGED, "repeat request from the same number",
                before.state(), before.state(), detail.toString());
        return new IntakeResult.Merged(CallbackRows.load(c, id, false).orElseThrow(), r, urgencyChanged || reachableChanged);
    }

    private static Long openCallbackIdForUpdate(Connection c, String number) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT callback_id FROM open_callback_number WHERE callback_number = ? FOR UPDATE")) {
            ps.setString(1, number);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : null;
            }
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
