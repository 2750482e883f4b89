package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.StringJoiner;

/**
 * A callback's lifecycle: its state changes and the changes of its other mutable fields, each
 * audited in the same transaction. Thread-safe; every public method is one database transaction,
 * committed when it returns.
 *
 * <p><b>The only state changer.</b> {@link #transition} is the one code path that changes a
 * callback's state: a compare-and-set on the state ({@code UPDATE ... WHERE id = ? AND state = ?})
 * with an audit row in the same transaction ({@link #transitionPicked} is the same move, on the
 * callback a picker chose). {@link #update} changes the other mutable fields, audited the same
 * way; {@link #auditEvent} records what happened to a callback without changing its row. Intake
 * ({@link IntakeCommits}) creates callbacks in PENDING and merges repeat callers without touching
 * the state.
 *
 * <p>Moving to a closed state deletes the number's {@code open_callback_number} row in the same
 * transaction, so a later request from that number creates a new callback.
 */
public final class CallbackLifecycle {

    private static final Logger LOG = LogManager.getLogger(CallbackLifecycle.class);

    private final Jdbc jdbc;
    private final Clock clock;

    public CallbackLifecycle(DataSource dataSource, Clock clock) {
        this(new Jdbc(dataSource, CallbackStore.WHAT), clock);
    }

    CallbackLifecycle(Jdbc jdbc, Clock clock) {
        this.jdbc = Objects.requireNonNull(jdbc, "jdbc");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Moves a callback from {@code expectedFrom} to {@code to}: THE ONLY way a state changes.
     * Compare-and-set: if the callback is no longer in {@code expectedFrom}, nothing is written
     * and {@link StaleStateException} says what it is now. A move the lifecycle does not allow
     * ({@link CallbackState#canMoveTo}) is refused with {@link IllegalTransitionException}
     * naming both states. Moving to a closed state frees the number (a later request creates a
     * new callback). The audit row (who, when, why, old → new) is in the same transaction.
     *
     * @return the callback after the move
     * @throws NoSuchElementException if there is no such callback
     */
    public Callback transition(long id, CallbackState expectedFrom, CallbackState to, Actor who, String why) {
        return transition(id, expectedFrom, to, CallbackChange.none(), who, why);
    }

    /**
     * Like {@link #transition(long, CallbackState, CallbackState, Actor, String)}, and applies
     * {@code change} in the same transaction and audit row — e.g. the planner's
     * PENDING → SCHEDULED together with {@code plannedAt} and {@code policyVersion}.
     */
    public Callback transition(long id, CallbackState expectedFrom, CallbackState to, CallbackChange change,
                               Actor who, String why) {
        return transition(id, expectedFrom, to, change, who, why, SameTransaction.NOTHING);
    }

    /**
     * Work that must commit or roll back together with a transition or update of the callback —
     * e.g. the claim row written with QUEUED → CLAIMED, or a rule checked against other tables
     * right before RESOLVED commits. It runs after the callback row was changed and the audit row
     * written, on the same connection. Throwing (any exception) rolls the whole change back and
     * reaches the caller unchanged. It must not change the {@code callback} row itself: state
     * changes only go through {@link #transition}.
     */
    @FunctionalInterface
    public interface SameTransaction {
        SameTransaction NOTHING = (c, after) -> { };

        void run(Connection c, Callback after) throws SQLException;
    }

    /**
     * Chooses, inside the transition's transaction, which callback to move, and locks its row
     * (e.g. {@code SELECT ... FOR UPDATE SKIP LOCKED}), so two pickers racing never get the same
     * one. Returns the id, or empty when there is nothing to move.
     */
    @FunctionalInterface
    public interface Picker {
        Optional<Long> pick(Connection c) throws SQLException;
    }

    /**
     * Like {@link #transition(long, CallbackState, CallbackState, CallbackChange, Actor, String)},
     * and runs {@code also} in the same database transaction (see {@link SameTransaction}).
     */
    public Callback transition(long id, CallbackState expectedFrom, CallbackState to, CallbackChange change,
                               Actor who, String why, SameTransaction also) {
        checkMove(id, expectedFrom, to, change, who, why);
        Objects.requireNonNull(also, "also");
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(id))) {
            Callback after = jdbc.inTransaction(c -> {
                if (to.isClosed()) {
                    lockOpenNumberOf(c, id); // same lock order as a merge: number first, then callback
                }
                return move(c, id, expectedFrom, to, change, who, why, also);
            });
            LOG.info("Callback {} -> {} by {}: {}", expectedFrom, to, who, why);
            return after;
        }
    }

    /**
     * Moves the callback {@code picker} chooses (and locks) from {@code expectedFrom} to {@code to},
     * in one transaction with the pick — the consultant queue's atomic claim. Same guarantees as
     * {@link #transition}: compare-and-set, audit row, {@code also} in the same transaction.
     * Moves to a closed state are refused here (closing takes the number lock first, which a
     * picker holding a callback row lock would take in the wrong order).
     *
     * @return the moved callback, or empty when the picker found none
     */
    public Optional<Callback> transitionPicked(Picker picker, CallbackState expectedFrom, CallbackState to,
                                               CallbackChange change, Actor who, String why, SameTransaction also) {
        Objects.requireNonNull(picker, "picker");
        Objects.requireNonNull(also, "also");
        checkMove(0, expectedFrom, to, change, who, why);
        if (to.isClosed()) {
            throw new IllegalArgumentException("transitionPicked does not close callbacks (" + to + "); use transition");
        }
        Optional<Callback> moved = jdbc.inTransaction(c -> {
            Optional<Long> id = picker.pick(c);
            if (id.isEmpty()) {
                return Optional.empty();
            }
            return Optional.of(move(c, id.get(), expectedFrom, to, change, who, why, also));
        });
        moved.ifPresent(cb -> {
            try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(cb.id()))) {
                LOG.info("Callback {} -> {} by {}: {}", expectedFrom, to, who, why);
            }
        });
        return moved;
    }

    private static void checkMove(long id, CallbackState expectedFrom, CallbackState to, CallbackChange change,
                                  Actor who, String why) {
        Objects.requireNonNull(expectedFrom, "expectedFrom");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(who, "who");
        requireWhy(why);
        if (!expectedFrom.canMoveTo(to)) {
            throw new IllegalTransitionException(id, expectedFrom, to);
        }
    }

    /** The body of every transition: compare-and-set, free the number when closing, audit, {@code also}. */
    private Callback move(Connection c, long id, CallbackState expectedFrom, CallbackState to, CallbackChange change,
                          Actor who, String why, SameTransaction also) throws SQLException {
        Callback before = CallbackRows.load(c, id, true)
                .orElseThrow(() -> new NoSuchElementException("No callback " + id));
        if (before.state() != expectedFrom) {
            throw new StaleStateException(id, expectedFrom, before.state());
        }
        Instant now = now();
        Callback changed = change.applyTo(before, now);
        try (PreparedStatement ps = c.prepareStatement("UPDATE callback SET state = ?, updated_at = ?,"
                + " not_before = ?, planned_at = ?, policy_version = ?, escalation_level = ?, urgency = ?,"
                + " reachable_until = ? WHERE id = ? AND state = ?")) {
            int i = 0;
            ps.setString(++i, to.name());
            Jdbc.setInstant(ps, ++i, now);
            setFields(ps, i, changed);
            i += 6;
            ps.setLong(++i, id);
            ps.setString(++i, expectedFrom.name());
            if (ps.executeUpdate() != 1) {
                throw new StaleStateException(id, expectedFrom, CallbackRows.stateOf(c, id));
            }
        }
        if (to.isClosed()) {
            try (PreparedStatement ps = c.prepareStatement(
                    "DELETE FROM open_callback_number WHERE callback_id = ?")) {
                ps.setLong(1, id);
                ps.executeUpdate();
            }
        }
        audit(c, id, now, who, AuditEntry.Action.TRANSITION, why, expectedFrom, to, diff(before, changed));
        Callback after = CallbackRows.load(c, id, false).orElseThrow();
        also.run(c, after);
        return after;
    }

    /**
     * Changes non-state fields (plan, policy version, escalation, urgency, reachable-until) with
     * an audit row (old → new per field). A change that changes nothing writes nothing. Closed
     * callbacks are final and refuse changes.
     *
     * @return the callback after the change
     * @throws NoSuchElementException if there is no such callback
     * @throws IllegalStateException  if the callback is closed
     */
    public Callback update(long id, CallbackChange change, Actor who, String why) {
        return update(id, change, who, why, SameTransaction.NOTHING);
    }

    /**
     * Like {@link #update(long, CallbackChange, Actor, String)}, and runs {@code also} in the same
     * transaction — also when the change turns out to change nothing (then it receives the
     * callback as it is), so a record that goes with the change is never lost.
     */
    public Callback update(long id, CallbackChange change, Actor who, String why, SameTransaction also) {
        Objects.requireNonNull(also, "also");
        Objects.requireNonNull(change, "change");
        Objects.requireNonNull(who, "who");
        requireWhy(why);
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(id))) {
            return jdbc.inTransaction(c -> {
                Callback before = CallbackRows.load(c, id, true)
                        .orElseThrow(() -> new NoSuchElementException("No callback " + id));
                if (before.state().isClosed()) {
                    throw new IllegalStateException("Callback " + id + " is " + before.state()
                            + " (closed); it can no longer be changed");
                }
                Instant now = now();
                Callback changed = change.applyTo(before, now);
                String detail = diff(before, changed);
                if (detail == null) {
                    also.run(c, before);
                    return before;
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE callback SET updated_at = ?,"
                        + " not_before = ?, planned_at = ?, policy_version = ?, escalation_level = ?, urgency = ?,"
                        + " reachable_until = ? WHERE id = ?")) {
                    Jdbc.setInstant(ps, 1, now);
                    setFields(ps, 1, changed);
                    ps.setLong(8, id);
                    ps.executeUpdate();
                }
                audit(c, id, now, who, AuditEntry.Action.UPDATED, why, before.state(), before.state(), detail);
                LOG.info("Callback updated by {}: {} ({})", who, why, detail);
                Callback after = CallbackRows.load(c, id, false).orElseThrow();
                also.run(c, after);
                return after;
            });
        }
    }

    /** Sets the 6 mutable non-state columns after parameter index {@code after}. */
    private static void setFields(PreparedStatement ps, int after, Callback v) throws SQLException {
        int i = after;
        Jdbc.setInstant(ps, ++i, CallbackRows.truncate(v.notBefore()));
        Jdbc.setInstant(ps, ++i, CallbackRows.truncate(v.plannedAt()));
        if (v.policyVersion() == null) {
            ps.setNull(++i, Types.INTEGER);
        } else {
            ps.setInt(++i, v.policyVersion());
        }
        ps.setString(++i, v.escalationLevel().name());
        ps.setString(++i, v.urgency().name());
        CallbackRows.setTime(ps, ++i, v.reachableUntil());
    }

    /** "field: old → new; ..." for the mutable non-state fields, or null when nothing differs. */
    private static String diff(Callback before, Callback after) {
        StringJoiner d = new StringJoiner("; ");
        diff(d, "notBefore", before.notBefore(), CallbackRows.truncate(after.notBefore()));
        diff(d, "plannedAt", before.plannedAt(), CallbackRows.truncate(after.plannedAt()));
        diff(d, "policyVersion", before.policyVersion(), after.policyVersion());
        diff(d, "escalationLevel", before.escalationLevel(), after.escalationLevel());
        diff(d, "urgency", before.urgency(), after.urgency());
        diff(d, "reachableUntil", before.reachableUntil(), after.reachableUntil());
        return d.length() == 0 ? null : d.toString();
    }

    private static void diff(StringJoiner d, String field, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            d.add(field + ": " + show(before) + " → " + show(after));
        }
    }

    static String show(Object v) {
        return v == null ? "null" : v.toString();
    }

    private static void lockOpenNumberOf(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT callback_number FROM open_callback_number WHERE callback_id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    /**
     * An audit row for something that happened to the callback without changing its own row —
     * e.g. its screenshot step moved ({@link AuditEntry.Action#SCREENSHOT}) — written on {@code c}
     * so it commits or rolls back with that change. Old and new state are the callback's current one.
     *
     * @throws NoSuchElementException if there is no such callback
     */
    public static void auditEvent(Connection c, long callbackId, Instant at, Actor who, AuditEntry.Action action,
                                  String why, String detail) throws SQLException {
        Objects.requireNonNull(who, "who");
        Objects.requireNonNull(action, "action");
        requireWhy(why);
        CallbackState state = CallbackRows.stateOf(c, callbackId);
        audit(c, callbackId, at, who, action, why, state, state, detail);
    }

    static void audit(Connection c, long callbackId, Instant at, Actor who, AuditEntry.Action action,
                              String why, CallbackState oldState, CallbackState newState, String detail)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO callback_audit (callback_id, occurred_at,"
                + " actor_kind, actor_name, action, why, old_state, new_state, detail)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, callbackId);
            Jdbc.setInstant(ps, 2, at);
            ps.setString(3, who.kind().name());
            ps.setString(4, who.name());
            ps.setString(5, action.name());
            Jdbc.setString(ps, 6, Jdbc.clip(why, 1000));
            Jdbc.setString(ps, 7, oldState == null ? null : oldState.name());
            ps.setString(8, newState.name());
            Jdbc.setString(ps, 9, Jdbc.clip(detail, 4000));
            ps.executeUpdate();
        }
    }

    static void requireWhy(String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("A reason (why) is required for every audited change");
        }
    }

    /** The lifecycle's clock, truncated like every stored time. */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
