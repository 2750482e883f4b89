package com.callbackdesk.storage;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Small JDBC helpers shared by the desk's stores (consultants, queue, survey, screenshots):
 * one transaction per call, retried when it lost a race, and instants stored the way
 * {@code CallbackStore} stores them (TIMESTAMP WITH TIME ZONE in UTC, microseconds).
 */
public final class Jdbc {

    private static final Logger LOG = LogManager.getLogger(Jdbc.class);

    /** SQLStates meaning "lost a race, try again": unique violation, serialization failure, deadlock, H2 lock. */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01", "HYT00", "90131");

    private static final int MAX_ATTEMPTS = 20;

    private final DataSource dataSource;
    private final String what;

    /** @param what names the store in error messages ("Consultant directory") */
    public Jdbc(DataSource dataSource, String what) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.what = Objects.requireNonNull(what, "what");
    }

    @FunctionalInterface
    public interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /**
     * Runs {@code work} in one transaction; commits when it returns, rolls back when it throws.
     * Lost races (see {@link #RETRYABLE}) are retried; a RuntimeException from {@code work} (a
     * business refusal) reaches the caller as it is.
     */
    public <T> T inTransaction(Work<T> work) {
        for (int attempt = 1; ; attempt++) {
            try (Connection c = dataSource.getConnection()) {
                boolean autoCommit = c.getAutoCommit();
                c.setAutoCommit(false);
                try {
                    T result = work.run(c);
                    c.commit();
                    return result;
                } catch (SQLException | RuntimeException | Error e) {
                    try {
                        c.rollback();
                    } catch (SQLException r) {
                        e.addSuppressed(r);
                    }
                    throw e;
                } finally {
                    c.setAutoCommit(autoCommit);
                }
            } catch (SQLException e) {
                if (attempt < MAX_ATTEMPTS && RETRYABLE.contains(e.getSQLState())) {
                    LOG.debug("{}: transaction lost a race ({}), attempt {}", what, e.getSQLState(), attempt);
                    try {
                        Thread.sleep(ThreadLocalRandom.current().nextLong(1, 5L * Math.min(attempt, 10) + 1));
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        throw new StorageException("Interrupted while retrying a transaction", ie);
                    }
                    continue;
                }
                throw new StorageException(what + ": " + e.getMessage(), e);
            }
        }
    }

    /** Runs a read on one connection (auto-commit). */
    public <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(what + ": " + e.getMessage(), e);
        }
    }

    public static void setInstant(PreparedStatement ps, int i, Instant v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
        } else {
            ps.setObject(i, OffsetDateTime.ofInstant(v, ZoneOffset.UTC));
        }
    }

    public static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    public static void setString(PreparedStatement ps, int i, String v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.VARCHAR);
        } else {
            ps.setString(i, v);
        }
    }

    public static void setInteger(PreparedStatement ps, int i, Integer v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.INTEGER);
        } else {
            ps.setInt(i, v);
        }
    }

    public static Integer integer(ResultSet rs, String column) throws SQLException {
        int v = rs.getInt(column);
        return rs.wasNull() ? null : v;
    }

    /** "?, ?, ?" for an IN list of {@code n} parameters (n ≥ 1). */
    public static String placeholders(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("An IN list needs at least one value");
        }
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** Clips text to a column's width, marking the cut. */
    public static String clip(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
