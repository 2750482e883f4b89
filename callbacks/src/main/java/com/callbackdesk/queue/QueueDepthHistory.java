package com.callbackdesk.queue;

import com.callbackdesk.callback.InvalidFieldException;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.Jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Queue depth over a period (the supervisor dashboard's "queue depth over the day"), replayed
 * from the audit trail: every move into or out of QUEUED is a {@code callback_audit} row, so
 * the depth at any instant is (moves in − moves out) up to it. Read-only; no sampling job, no
 * second record of the queue.
 */
public final class QueueDepthHistory {

    /** One bucket: the depth at its start, the highest depth within it, and at its end. */
    public record Point(Instant from, long atStart, long peak, long atEnd) {
    }

    private final Jdbc jdbc;

    public QueueDepthHistory(Database database) {
        this.jdbc = new Jdbc(Objects.requireNonNull(database, "database").dataSource(), "queue depth history");
    }

    /** Buckets of {@code step} from {@code from} (inclusive) to {@code to} (exclusive); at most 1000. */
    public List<Point> between(Instant from, Instant to, Duration step) {
        if (!to.isAfter(from)) {
            throw new InvalidFieldException("to", "must be after from");
        }
        if (step.isZero() || step.isNegative() || Duration.between(from, to).dividedBy(step) > 1000) {
            throw new InvalidFieldException("step", "must be positive, at most 1000 buckets in the period");
        }
        return jdbc.read(c -> {
            long depth;
            try (PreparedStatement ps = c.prepareStatement("SELECT "
                    + "COALESCE(SUM(CASE WHEN new_state = 'QUEUED' THEN 1 ELSE 0 END), 0) - "
                    + "COALESCE(SUM(CASE WHEN old_state = 'QUEUED' THEN 1 ELSE 0 END), 0) "
                    + "FROM callback_audit WHERE occurred_at < ? AND (new_state = 'QUEUED' OR old_state = 'QUEUED') "
                    + "AND (old_state IS NULL OR new_state IS NULL OR old_state <> new_state)")) {
                ps.setTimestamp(1, Timestamp.from(from));
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    depth = rs.getLong(1);
                }
            }
            List<Point> points = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT occurred_at, old_state, new_state FROM callback_audit "
                    + "WHERE occurred_at >= ? AND occurred_at < ? AND (new_state = 'QUEUED' OR old_state = 'QUEUED') "
                    + "AND (old_state IS NULL OR new_state IS NULL OR old_state <> new_state) ORDER BY occurred_at, id")) {
                ps.setTimestamp(1, Timestamp.from(from));
                ps.setTimestamp(2, Timestamp.from(to));
                try (ResultSet rs = ps.executeQuery()) {
                    Instant bucket = from;
                    long atStart = depth;
                    long peak = depth;
                    boolean more = rs.next();
                    while (bucket.isBefore(to)) {
                        Instant end = bucket.plus(step).isAfter(to) ? to : bucket.plus(step);
                        while (more && rs.getTimestamp(1).toInstant().isBefore(end)) {
                            depth += delta(rs);
                            peak = Math.max(peak, depth);
                            more = rs.next();
                        }
                        points.add(new Point(bucket, atStart, peak, depth));
                        bucket = end;
                        atStart = depth;
                        peak = depth;
                    }
                }
            }
            return points;
        });
    }

    private static int delta(ResultSet rs) throws SQLException {
        return ("QUEUED".equals(rs.getString(3)) ? 1 : 0) - ("QUEUED".equals(rs.getString(2)) ? 1 : 0);
    }
}
