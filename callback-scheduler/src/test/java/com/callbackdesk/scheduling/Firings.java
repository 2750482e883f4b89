package com.callbackdesk.scheduling;

import com.callbackdesk.storage.StorageException;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Test helpers: what was fired, as seen in memory and in {@code fired_attempt}. */
final class Firings {

    private Firings() {
    }

    /** An AttemptFiring that remembers what it got. */
    static final class Captured implements AttemptFiring {
        final List<FiredAttempt> fired = new CopyOnWriteArrayList<>();

        @Override
        public void fired(FiredAttempt attempt) {
            fired.add(attempt);
        }

        List<Long> callbackIds() {
            return fired.stream().map(FiredAttempt::callbackId).toList();
        }
    }

    /** Rows of fired_attempt as "callbackId#attemptNo@instance". */
    static List<String> recorded(DataSource ds) {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT callback_id, attempt_no, instance_id FROM fired_attempt ORDER BY callback_id, attempt_no");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getLong(1) + "#" + rs.getInt(2) + "@" + rs.getString(3));
            }
        } catch (SQLException e) {
            throw new StorageException("read fired_attempt", e);
        }
        return rows;
    }

    /** Replanner for tests that must not re-plan. */
    static Replanner noReplan() {
        return missed -> {
            throw new AssertionError("Unexpected re-plan of " + missed);
        };
    }
}
