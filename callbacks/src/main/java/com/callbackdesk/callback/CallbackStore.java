package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.storage.Jdbc;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.StorageException;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

/**
 * The JDBC store of callback requests, their audit trail and merges. Thread-safe; every
 * public method is one database transaction, committed when it returns.
 *
 * <p><b>The only state changer.</b> {@link #transition} is the one code path that changes a
 * callback's state: a compare-and-set on the state ({@code UPDATE ... WHERE id = ? AND state = ?})
 * with an audit row in the same transaction. {@link #update} changes the other mutable fields,
 * audited the same way.
 *
 * <p><b>Merging repeat callers (MISSION story 9).</b> Table {@code open_callback_number} holds
 * one row per number that has an open callback. Intake inserts it in the same transaction as the
 * callback; a duplicate-key violation means another request for that number won the race, and the
 * transaction is retried as a merge. A transition to a closed state deletes the row in the same
 * transaction. This holds across threads, connections and processes on H2 and PostgreSQL.
 *
 * <p>Times come from the injected {@link Clock}, truncated to microseconds (what both databases
 * store), so a value read back equals the value written.
 */
public final class CallbackStore {

    private static final Logger LOG = LogManager.getLogger(CallbackStore.class);

    /** Attempts of one transaction when it loses a race (duplicate key, deadlock, lock timeout). */
    private static final int MAX_ATTEMPTS = 20;

    private static final String COLUMNS = "id, state, caller_id, callback_number, number_source, language, product,"
            + " category, urgency, reachable_until, screenshot_choice, escalation_level, call_unique_id,"
            + " created_at, updated_at, merge_count, not_before, planned_at, policy_version";

    private static final String OPEN_STATES_SQL = CallbackState.openStates().stream()
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private final DataSource dataSource;
    private final Clock clock;

    public CallbackStore(Database database, Clock clock) {
        this(Objects.requireNonNull(database, "database").dataSource(), clock);
    }

    public CallbackStore(DataSource dataSource, Clock clock) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    // ------------------------------------------------------------------ intake

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
    public IntakeResult recordIntake(NewCallback request, Actor who) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(who, "who");
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("call", request.callUniqueId())) {
            IntakeResult result = inTransaction(c -> {
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
            setTime(ps, ++i, r.reachableUntil());
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
        audit(c, id, now, who, AuditEntry.Action.CREATED, "intake", null, CallbackState.PENDING,
                "call=" + r.callUniqueId() + (r.channel() == null ? "" : ", channel=" + r.channel())
                        + ", capturedAt=" + r.capturedAt());
        return new IntakeResult.Created(load(c, id, false).orElseThrow());
    }

    private IntakeResult merge(Connection c, long id, NewCallback r, Actor who) throws SQLException {
        Callback before = load(c, id, true).orElseThrow(
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
            setTime(ps, 2, reachableUntil);
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
            setTime(ps, ++i, r.reachableUntil());
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
            detail.add("reachableUntil: " + show(before.reachableUntil()) + " → " + show(reachableUntil));
        }
        audit(c, id, now, who, AuditEntry.Action.MERGED, "repeat request from the same number",
                before.state(), before.state(), detail.toString());
        return new IntakeResult.Merged(load(c, id, false).orElseThrow(), r, urgencyChanged || reachableChanged);
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

    // ------------------------------------------------------------------ transitions and updates

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
            Callback after = inTransaction(c -> {
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
        Optional<Callback> moved = inTransaction(c -> {
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
        Callback before = load(c, id, true)
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
                throw new StaleStateException(id, expectedFrom, stateOf(c, id));
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
        Callback after = load(c, id, false).orElseThrow();
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
            return inTransaction(c -> {
                Callback before = load(c, id, true)
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
                Callback after = load(c, id, false).orElseThrow();
                also.run(c, after);
                return after;
            });
        }
    }

    /** Sets the 6 mutable non-state columns after parameter index {@code after}. */
    private static void setFields(PreparedStatement ps, int after, Callback v) throws SQLException {
        int i = after;
        Jdbc.setInstant(ps, ++i, truncate(v.notBefore()));
        Jdbc.setInstant(ps, ++i, truncate(v.plannedAt()));
        if (v.policyVersion() == null) {
            ps.setNull(++i, Types.INTEGER);
        } else {
            ps.setInt(++i, v.policyVersion());
        }
        ps.setString(++i, v.escalationLevel().name());
        ps.setString(++i, v.urgency().name());
        setTime(ps, ++i, v.reachableUntil());
    }

    /** "field: old → new; ..." for the mutable non-state fields, or null when nothing differs. */
    private static String diff(Callback before, Callback after) {
        StringJoiner d = new StringJoiner("; ");
        diff(d, "notBefore", before.notBefore(), truncate(after.notBefore()));
        diff(d, "plannedAt", before.plannedAt(), truncate(after.plannedAt()));
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

    private static String show(Object v) {
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

    private static CallbackState stateOf(Connection c, long id) throws SQLException {
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

    // ------------------------------------------------------------------ reads

    public Optional<Callback> find(long id) {
        return read(c -> load(c, id, false));
    }

    private static final int FIND_ALL_CHUNK = 1_000;

    /**
     * These callbacks, in the order of {@code ids}, in one query per 1,000 (ids not found are
     * absent) — so a page of the queue costs one round trip, not one per callback.
     */
    public List<Callback> findAll(List<Long> ids) {
        Objects.requireNonNull(ids, "ids");
        if (ids.isEmpty()) {
            return List.of();
        }
        Map<Long, Callback> byId = read(c -> {
            Map<Long, Callback> out = new HashMap<>();
            // In chunks: PostgreSQL's protocol takes at most 32,767 parameters per statement.
            for (int from = 0; from < ids.size(); from += FIND_ALL_CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + FIND_ALL_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callback WHERE id IN ("
                        + Jdbc.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    for (Callback cb : all(ps)) {
                        out.put(cb.id(), cb);
                    }
                }
            }
            return out;
        });
        List<Callback> out = new ArrayList<>(ids.size());
        for (long id : ids) {
            Callback cb = byId.get(id);
            if (cb != null) {
                out.add(cb);
            }
        }
        return out;
    }

    /** The open callback for this number, if any (at most one exists). */
    public Optional<Callback> findOpenByNumber(String e164) {
        Objects.requireNonNull(e164, "e164");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callback WHERE id ="
                    + " (SELECT callback_id FROM open_callback_number WHERE callback_number = ?)")) {
                ps.setString(1, e164);
                return one(ps);
            }
        });
    }

    /** Callbacks in any of the given states, in {@link QueueOrder}. No states, no callbacks. */
    public List<Callback> findByState(CallbackState... states) {
        return findByState(QueueOrder.orderBy(), states);
    }

    /**
     * Like {@link #findByState}, in no particular order — for counts over every waiting callback
     * (the dashboard's at-risk count): sorting 20,000 whole rows in queue order took PostgreSQL
     * ~170 ms, reading them unsorted ~30 ms (docs/BENCHMARKS.md, "Consultant queue at a peak").
     */
    public List<Callback> findByStateInAnyOrder(CallbackState... states) {
        return findByState("", states);
    }

    private List<Callback> findByState(String orderBy, CallbackState... states) {
        if (states.length == 0) {
            return List.of();
        }
        String in = Arrays.stream(states).map(s -> "'" + s.name() + "'").distinct()
                .collect(Collectors.joining(", ", "(", ")"));
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callback WHERE state IN "
                    + in + orderBy)) {
                return all(ps);
            }
        });
    }

    /** Every callback (any state) for this callback number, newest first. */
    public List<Callback> findByNumber(String e164) {
        Objects.requireNonNull(e164, "e164");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callback"
                    + " WHERE callback_number = ? ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, e164);
                return all(ps);
            }
        });
    }

    /** Callbacks created in {@code [from, to)}, oldest first. */
    public List<Callback> findCreatedBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callback"
                    + " WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id")) {
                Jdbc.setInstant(ps, 1, from);
                Jdbc.setInstant(ps, 2, to);
                return all(ps);
            }
        });
    }

    /** All open callbacks, in {@link QueueOrder}. */
    public List<Callback> findOpen() {
        return findByState(CallbackState.openStates().toArray(CallbackState[]::new));
    }

    /** The callback's audit trail, oldest first. */
    public List<AuditEntry> history(long id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, callback_id, occurred_at, actor_kind,"
                    + " actor_name, action, why, old_state, new_state, detail FROM callback_audit"
                    + " WHERE callback_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                List<AuditEntry> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String old = rs.getString("old_state");
                        out.add(new AuditEntry(rs.getLong("id"), rs.getLong("callback_id"),
                                Jdbc.instant(rs, "occurred_at"),
                                new Actor(Actor.Kind.valueOf(rs.getString("actor_kind")), rs.getString("actor_name")),
                                AuditEntry.Action.valueOf(rs.getString("action")), rs.getString("why"),
                                old == null ? null : CallbackState.valueOf(old),
                                CallbackState.valueOf(rs.getString("new_state")), rs.getString("detail")));
                    }
                }
                return out;
            }
        });
    }

    /** The requests merged into this callback, oldest first. */
    public List<MergeRecord> merges(long id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, callback_id, merged_at, call_unique_id,"
                    + " channel, caller_id, callback_number, number_source, language, product, category, urgency,"
                    + " reachable_until, screenshot_choice, captured_at FROM callback_merge"
                    + " WHERE callback_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                List<MergeRecord> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new MergeRecord(rs.getLong("id"), rs.getLong("callback_id"), Jdbc.instant(rs, "merged_at"),
                                new NewCallback(rs.getString("call_unique_id"), rs.getString("channel"),
                                        rs.getString("caller_id"), rs.getString("callback_number"),
                                        NumberSource.valueOf(rs.getString("number_source")), rs.getString("language"),
                                        rs.getString("product"), rs.getString("category"),
                                        Urgency.valueOf(rs.getString("urgency")),
                                        rs.getObject("reachable_until", LocalTime.class),
                                        ScreenshotChoice.valueOf(rs.getString("screenshot_choice")),
                                        Jdbc.instant(rs, "captured_at"))));
                    }
                }
                return out;
            }
        });
    }

    /**
     * How many open callbacks are ahead of this one in {@link QueueOrder} (0 = next).
     *
     * @throws NoSuchElementException if the callback does not exist or is not open
     */
    public int openAheadOf(long id) {
        return read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT pos FROM (SELECT id, ROW_NUMBER() OVER (ORDER BY "
                    + QueueOrder.SQL_ORDER + ") AS pos FROM callback WHERE state IN " + OPEN_STATES_SQL
                    + ") q WHERE q.id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new NoSuchElementException("No open callback " + id);
                    }
                    return rs.getInt(1) - 1;
                }
            }
        });
    }

    /** All callbacks ever stored. */
    public long count() {
        return read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM callback")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    // ------------------------------------------------------------------ rows

    private static Optional<Callback> load(Connection c, long id, boolean forUpdate) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM callback WHERE id = ?"
                + (forUpdate ? " FOR UPDATE" : ""))) {
            ps.setLong(1, id);
            return one(ps);
        }
    }

    private static Optional<Callback> one(PreparedStatement ps) throws SQLException {
        try (ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
        }
    }

    private static List<Callback> all(PreparedStatement ps) throws SQLException {
        List<Callback> out = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(row(rs));
            }
        }
        return out;
    }

    private static Callback row(ResultSet rs) throws SQLException {
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
        CallbackState state = stateOf(c, callbackId);
        audit(c, callbackId, at, who, action, why, state, state, detail);
    }

    private static void audit(Connection c, long callbackId, Instant at, Actor who, AuditEntry.Action action,
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
            Jdbc.setString(ps, 6, clip(why, 1000));
            Jdbc.setString(ps, 7, oldState == null ? null : oldState.name());
            ps.setString(8, newState.name());
            Jdbc.setString(ps, 9, clip(detail, 4000));
            ps.executeUpdate();
        }
    }

    private static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }

    private static void requireWhy(String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("A reason (why) is required for every audited change");
        }
    }

    /**
     * The store's clock, truncated like every stored time — for records written in a
     * {@link SameTransaction} of an {@link #update} that changes no field (so {@code after.updatedAt()}
     * is the old time), e.g. a supervisor moving a claim from one consultant to another.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Instant truncate(Instant i) {
        return i == null ? null : i.truncatedTo(ChronoUnit.MICROS);
    }

    private static void setTime(PreparedStatement ps, int i, LocalTime v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIME);
        } else {
            ps.setObject(i, v);
        }
    }


    // ------------------------------------------------------------------ transactions

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** SQLStates meaning "lost a race, try again": unique violation, serialization failure, deadlock, H2 lock. */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01", "HYT00", "90131");

    private <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    rollback(c, e);
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && RETRYABLE.contains(e.getSQLState())) {
                    LOG.debug("Transaction lost a race ({}), attempt {}: {}", e.getSQLState(), attempt, e.getMessage());
                    backOff(attempt);
                    continue;
                }
                throw new StorageException("Callback store: " + e.getMessage(), e);
            }
        }
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException("Callback store: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    private static void backOff(int attempt) {
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while retrying a transaction", e);
        }
    }
}
