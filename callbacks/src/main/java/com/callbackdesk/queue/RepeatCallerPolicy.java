package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;
import org.apache.logging.log4j.CloseableThreadContext;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Repeat callers: a new callback from a number that had a callback
 * for the same product and category RESOLVED within the last N days is flagged ({@code repeat_of})
 * and raised to {@link EscalationLevel#REPEAT_OR_DISSATISFIED} — it may be a product defect or a
 * habitual complainant, and either way a supervisor should see it. (A repeat while the first is
 * still open is not this: intake merges it, see {@code IntakeCommits#record}.)
 *
 * <p>The Camel intake route calls {@link #check} right after {@code IntakeCommits.record} returns
 * {@code Created}. The raise is an audited {@code update} whose audit row names the earlier
 * callback; the flag row is written in the same transaction. A level already higher (a
 * supervisor got there first) is never lowered.
 */
public final class RepeatCallerPolicy {

    private static final Logger LOG = LogManager.getLogger(RepeatCallerPolicy.class);
    private static final Actor WHO = Actor.system("repeat-caller-policy");

    /** The flag on a repeat callback. */
    public record RepeatFlag(long callbackId, long repeatOf, int withinDays, Instant flaggedAt) {
    }

    private final Jdbc jdbc;
    private final CallbackStore store;
    private final int withinDays;

    /** @param withinDays N: how many days after a resolution a new request counts as a repeat (≥ 1) */
    public RepeatCallerPolicy(Database database, CallbackStore store, int withinDays) {
        if (withinDays < 1) {
            throw new IllegalArgumentException("withinDays must be at least 1, was " + withinDays);
        }
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "Repeat caller policy");
        this.store = Objects.requireNonNull(store, "store");
        this.withinDays = withinDays;
    }

    /**
     * Flags {@code created} if it repeats a recently resolved callback.
     *
     * @param created the callback intake just created
     * @return the flag, or empty when it is not a repeat
     */
    public Optional<RepeatFlag> check(Callback created) {
        Objects.requireNonNull(created, "created");
        Optional<Long> earlier = jdbc.read(c -> {
            // RESOLVED is final and closed callbacks refuse updates, so updated_at is when it was resolved.
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM callback WHERE callback_number = ?"
                    + " AND product = ? AND category = ? AND state = 'RESOLVED' AND id <> ?"
                    + " AND updated_at >= ? AND updated_at <= ? ORDER BY updated_at DESC, id DESC LIMIT 1")) {
                ps.setString(1, created.callbackNumber());
                ps.setString(2, created.product());
                ps.setString(3, created.category());
                ps.setLong(4, created.id());
                Jdbc.setInstant(ps, 5, created.createdAt().minus(Duration.ofDays(withinDays)));
                Jdbc.setInstant(ps, 6, created.createdAt());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
                }
            }
        });
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        long repeatOf = earlier.get();
        CallbackChange raise = created.escalationLevel().compareTo(EscalationLevel.REPEAT_OR_DISSATISFIED) < 0
                ? CallbackChange.none().escalationLevel(EscalationLevel.REPEAT_OR_DISSATISFIED)
                : CallbackChange.none();
        Callback after = store.lifecycle().update(created.id(), raise, WHO, "repeat caller: same number, product and category"
                + " as callback " + repeatOf + ", resolved within " + withinDays + " day(s)", (c, cb) -> {
                    try (PreparedStatement ps = c.prepareStatement("INSERT INTO repeat_caller_flag (callback_id,"
                            + " repeat_of, within_days, flagged_at) VALUES (?, ?, ?, ?)")) {
                        ps.setLong(1, cb.id());
                        ps.setLong(2, repeatOf);
                        ps.setInt(3, withinDays);
                        Jdbc.setInstant(ps, 4, cb.updatedAt());
                        ps.executeUpdate();
                    }
                });
        try (CloseableThreadContext.Instance ctx = CloseableThreadContext.put("callback", Long.toString(created.id()))) {
            LOG.info("Repeat caller: repeats resolved callback {}; escalation now {}", repeatOf, after.escalationLevel());
        }
        return flagOf(created.id());
    }

    /** The repeat flag of a callback, if it has one. */
    public Optional<RepeatFlag> flagOf(long callbackId) {
        return jdbc.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT callback_id, repeat_of, within_days, flagged_at"
                    + " FROM repeat_caller_flag WHERE callback_id = ?")) {
                ps.setLong(1, callbackId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next()
                            ? Optional.of(new RepeatFlag(rs.getLong(1), rs.getLong(2), rs.getInt(3),
                            Jdbc.instant(rs, "flagged_at")))
                            : Optional.empty();
                }
            }
        });
    }
}
