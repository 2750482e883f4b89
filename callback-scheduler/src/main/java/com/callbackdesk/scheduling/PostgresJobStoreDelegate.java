package com.callbackdesk.scheduling;

import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Quartz's PostgreSQL delegate with the hot queries made fit for 100,000 pending triggers.
 *
 * <p>Quartz's own versions of these queries (a) bind the fire-time bounds as {@code NUMERIC}
 * ({@code setBigDecimal}) against the {@code BIGINT next_fire_time} column, so PostgreSQL
 * compares {@code next_fire_time::numeric} and cannot use the (sched_name, trigger_state,
 * next_fire_time) index for the range, and (b) have no {@code LIMIT}: {@code setMaxRows} only
 * trims the result on the client, the server still plans (and sorts) every due row. With a
 * backlog of 100k triggers each acquisition then reads the whole table. Here the bounds are bound
 * as {@code BIGINT} ({@code setLong}, the column's own type) and the row count is a
 * {@code LIMIT}, so an acquisition is an index range scan that stops after {@code maxCount}
 * rows. Same rows, same order as Quartz's.
 */
public class PostgresJobStoreDelegate extends PostgreSQLDelegate {

    /** Quartz's SELECT_NEXT_TRIGGER_TO_ACQUIRE, BIGINT bounds, with a LIMIT. */
    static final String ACQUIRE = "SELECT TRIGGER_NAME, TRIGGER_GROUP, NEXT_FIRE_TIME, PRIORITY"
            + " FROM {0}TRIGGERS WHERE SCHED_NAME = {1} AND TRIGGER_STATE = ? AND NEXT_FIRE_TIME <= ?"
            + " AND (MISFIRE_INSTR = -1 OR (MISFIRE_INSTR <> -1 AND NEXT_FIRE_TIME >= ?))"
            + " ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC LIMIT ?";

    /** Quartz's SELECT_HAS_MISFIRED_TRIGGERS_IN_STATE, BIGINT bound; LIMIT appended when bounded. */
    static final String MISFIRED = "SELECT TRIGGER_NAME, TRIGGER_GROUP FROM {0}TRIGGERS"
            + " WHERE SCHED_NAME = {1} AND NOT (MISFIRE_INSTR = -1) AND NEXT_FIRE_TIME < ? AND TRIGGER_STATE = ?"
            + " ORDER BY NEXT_FIRE_TIME ASC, PRIORITY DESC";

    /**
     * Quartz only asks whether the count is zero (to skip taking the lock), so counting stops at
     * {@link #COUNT_CAP}: a backlog of 100k misfires is not counted on every misfire scan.
     */
    static final String COUNT_MISFIRED = "SELECT COUNT(*) FROM (SELECT 1 FROM {0}TRIGGERS"
            + " WHERE SCHED_NAME = {1} AND NOT (MISFIRE_INSTR = -1) AND NEXT_FIRE_TIME < ? AND TRIGGER_STATE = ?"
            + " LIMIT ?) AS misfired";

    static final int COUNT_CAP = 1_000;

    @Override
    public List<TriggerKey> selectTriggerToAcquire(Connection conn, long noLaterThan, long noEarlierThan,
                                                   int maxCount) throws SQLException {
        int limit = Math.max(1, maxCount); // Quartz: "we want at least one trigger back"
        List<TriggerKey> keys = new ArrayList<>(limit);
        try (PreparedStatement ps = conn.prepareStatement(rtp(ACQUIRE))) {
            ps.setString(1, STATE_WAITING);
            ps.setLong(2, noLaterThan);
            ps.setLong(3, noEarlierThan);
            ps.setInt(4, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    keys.add(TriggerKey.triggerKey(rs.getString(COL_TRIGGER_NAME), rs.getString(COL_TRIGGER_GROUP)));
                }
            }
        }
        return keys;
    }

    /**
     * Quartz's contract: adds at most {@code count} keys (all when {@code count} is negative, as at
     * start-up recovery) and answers whether more were left.
     */
    @Override
    public boolean hasMisfiredTriggersInState(Connection conn, String state, long ts, int count,
                                              List<TriggerKey> resultList) throws SQLException {
        boolean bounded = count >= 0;
        try (PreparedStatement ps = conn.prepareStatement(rtp(MISFIRED) + (bounded ? " LIMIT ?" : ""))) {
            ps.setLong(1, ts);
            ps.setString(2, state);
            if (bounded) {
                ps.setInt(3, count + 1); // one more tells whether the limit was reached
            }
            try (ResultSet rs = ps.executeQuery()) {
                int added = 0;
                while (rs.next()) {
                    if (bounded && added == count) {
                        return true;
                    }
                    resultList.add(TriggerKey.triggerKey(rs.getString(COL_TRIGGER_NAME), rs.getString(COL_TRIGGER_GROUP)));
                    added++;
                }
            }
        }
        return false;
    }

    /** How many triggers missed their time, counted up to {@link #COUNT_CAP} (Quartz only tests for zero). */
    @Override
    public int countMisfiredTriggersInState(Connection conn, String state, long ts) throws SQLException {
        try (PreparedStatement ps = conn.prepareStatement(rtp(COUNT_MISFIRED))) {
            ps.setLong(1, ts);
            ps.setString(2, state);
            ps.setInt(3, COUNT_CAP);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("No misfired trigger count returned.");
                }
                return rs.getInt(1);
            }
        }
    }
}
