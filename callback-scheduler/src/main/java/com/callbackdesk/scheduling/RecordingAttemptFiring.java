package com.callbackdesk.scheduling;

import com.callbackdesk.storage.StorageException;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records every fired attempt in {@code fired_attempt} (migration V21), so firing is visible
 * before the dialing route exists, and a double fire is detected: the table's
 * UNIQUE (callback_id, attempt_no) refuses the second row, which is counted and logged instead.
 */
public final class RecordingAttemptFiring implements AttemptFiring {

    private static final Logger LOG = LogManager.getLogger(RecordingAttemptFiring.class);
    /** SQLSTATE for a unique violation, on PostgreSQL and H2 alike. */
    private static final String UNIQUE_VIOLATION = "23505";

    private static final String INSERT = "INSERT INTO fired_attempt"
            + " (callback_id, attempt_no, scheduled_at, fired_at, window_latest, misfired, instance_id)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?)";

    private final DataSource dataSource;
    private final AtomicLong recorded = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();

    public RecordingAttemptFiring(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    @Override
    public void fired(FiredAttempt a) {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(INSERT)) {
            ps.setLong(1, a.callbackId());
            ps.setInt(2, a.attemptNo());
            ps.setTimestamp(3, Timestamp.from(a.scheduledAt()));
            ps.setTimestamp(4, Timestamp.from(a.firedAt()));
            ps.setTimestamp(5, Timestamp.from(a.windowLatest()));
            ps.setBoolean(6, a.misfired());
            ps.setString(7, a.instanceId());
            ps.executeUpdate();
            if (!c.getAutoCommit()) {
                c.commit();
            }
            recorded.incrementAndGet();
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                duplicates.incrementAndGet();
                LOG.warn("Attempt {} of callback {} fired again (on {}); already recorded, not recorded twice",
                        a.attemptNo(), a.callbackId(), a.instanceId());
                return;
            }
            throw new StorageException("Cannot record fired attempt " + a, e);
        }
    }

    /** Attempts this instance recorded. */
    public long recorded() {
        return recorded.get();
    }

    /** Firings of an attempt that was already recorded (double fires seen by this instance). */
    public long duplicates() {
        return duplicates.get();
    }

    /** Rows in {@code fired_attempt} (all nodes). */
    public static long countRecorded(DataSource dataSource) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fired_attempt");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new StorageException("Cannot count fired attempts", e);
        }
    }

    /**
     * The window of the callback's latest fired attempt: the last instant at which dialing it
     * still makes sense (the dialer's pre-dial check). Empty when no attempt of it was fired.
     */
    public static java.util.Optional<java.time.Instant> latestWindow(DataSource dataSource, long callbackId) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT window_latest FROM fired_attempt WHERE callback_id = ?"
                     + " ORDER BY fired_at DESC, id DESC LIMIT 1")) {
            ps.setLong(1, callbackId);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? java.util.Optional.of(com.callbackdesk.storage.Jdbc.instant(rs, "window_latest"))
                        : java.util.Optional.empty();
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot read the fired window of callback " + callbackId, e);
        }
    }
}
