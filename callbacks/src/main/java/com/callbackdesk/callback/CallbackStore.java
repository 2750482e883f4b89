package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;

import javax.sql.DataSource;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
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
import java.util.stream.Collectors;

/**
 * The JDBC store of callback requests, their audit trail and merges: the reads (finders, history,
 * merges, queue position). Thread-safe; every method is one query on one connection.
 *
 * <p>What changes callbacks lives beside it, each with its own transaction rules:
 * {@link CallbackLifecycle} (the one audited state change, {@code transition}, and the audited
 * updates) and {@link IntakeCommits} (a captured request committed, or merged into the number's
 * open callback). The three share one {@link Jdbc} and clock; the store builds the other two so
 * the wiring constructs one object and reaches them as {@link #lifecycle()} and {@link #intakes()}.
 *
 * <p>Times come from the injected {@link Clock}, truncated to microseconds (what both databases
 * store), so a value read back equals the value written.
 */
public final class CallbackStore {

    /** How the callback tables name themselves in storage errors. */
    static final String WHAT = "Callback store";

    private static final String OPEN_STATES_SQL = CallbackState.openStates().stream()
            .map(s -> "'" + s.name() + "'").collect(Collectors.joining(", ", "(", ")"));

    private final Jdbc jdbc;
    private final Clock clock;
    private final CallbackLifecycle lifecycle;
    private final IntakeCommits intakes;

    public CallbackStore(Database database, Clock clock) {
        this(Objects.requireNonNull(database, "database").dataSource(), clock);
    }

    public CallbackStore(DataSource dataSource, Clock clock) {
        this.jdbc = new Jdbc(Objects.requireNonNull(dataSource, "dataSource"), WHAT);
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifecycle = new CallbackLifecycle(jdbc, clock);
        this.intakes = new IntakeCommits(jdbc, clock);
    }

    /** State changes and audited updates of these callbacks (on the same database and clock). */
    public CallbackLifecycle lifecycle() {
        return lifecycle;
    }

    /** Intake: captured requests committed or merged (on the same database and clock). */
    public IntakeCommits intakes() {
        return intakes;
    }

    /**
     * The store's clock, truncated like every stored time — for records written in a
     * {@link CallbackLifecycle.SameTransaction} of an update that changes no field (so
     * {@code after.updatedAt()} is the old time), e.g. a supervisor moving a claim from one
     * consultant to another.
     */
    public Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    public Optional<Callback> find(long id) {
        return jdbc.read(c -> CallbackRows.load(c, id, false));
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
        Map<Long, Callback> byId = jdbc.read(c -> {
            Map<Long, Callback> out = new HashMap<>();
            // In chunks: PostgreSQL's protocol takes at most 32,767 parameters per statement.
            for (int from = 0; from < ids.size(); from += FIND_ALL_CHUNK) {
                List<Long> chunk = ids.subList(from, Math.min(ids.size(), from + FIND_ALL_CHUNK));
                try (PreparedStatement ps = c.prepareStatement("SELECT " + CallbackRows.COLUMNS + " FROM callback WHERE id IN ("
                        + Jdbc.placeholders(chunk.size()) + ")")) {
                    for (int i = 0; i < chunk.size(); i++) {
                        ps.setLong(i + 1, chunk.get(i));
                    }
                    for (Callback cb : CallbackRows.all(ps)) {
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
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CallbackRows.COLUMNS + " FROM callback WHERE id ="
                    + " (SELECT callback_id FROM open_callback_number WHERE callback_number = ?)")) {
                ps.setString(1, e164);
                return CallbackRows.one(ps);
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
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CallbackRows.COLUMNS + " FROM callback WHERE state IN "
                    + in + orderBy)) {
                return CallbackRows.all(ps);
            }
        });
    }

    /** Every callback (any state) for this callback number, newest first. */
    public List<Callback> findByNumber(String e164) {
        Objects.requireNonNull(e164, "e164");
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CallbackRows.COLUMNS + " FROM callback"
                    + " WHERE callback_number = ? ORDER BY created_at DESC, id DESC")) {
                ps.setString(1, e164);
                return CallbackRows.all(ps);
            }
        });
    }

    /** Callbacks created in {@code [from, to)}, oldest first. */
    public List<Callback> findCreatedBetween(Instant from, Instant to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT " + CallbackRows.COLUMNS + " FROM callback"
                    + " WHERE created_at >= ? AND created_at < ? ORDER BY created_at, id")) {
                Jdbc.setInstant(ps, 1, from);
                Jdbc.setInstant(ps, 2, to);
                return CallbackRows.all(ps);
            }
        });
    }

    /** All open callbacks, in {@link QueueOrder}. */
    public List<Callback> findOpen() {
        return findByState(CallbackState.openStates().toArray(CallbackState[]::new));
    }

    /** The callback's audit trail, oldest first. */
    public List<AuditEntry> history(long id) {
        return jdbc.read(c -> {
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
        return jdbc.read(c -> {
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
        return jdbc.read(c -> {
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
        return jdbc.read(c -> {
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM callback")) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }
}
