package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.quartz.TriggerKey;
import org.quartz.impl.jdbcjobstore.Constants;
import org.quartz.impl.jdbcjobstore.PostgreSQLDelegate;
import org.quartz.impl.jdbcjobstore.StdJDBCDelegate;
import org.quartz.simpl.SimpleClassLoadHelper;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The delegate's queries on PostgreSQL against 5,000 stored attempts: the same rows in the same
 * order as Quartz's own PostgreSQLDelegate, at most the asked-for count, and an acquisition
 * that reads through the index and stops at the LIMIT instead of scanning the table.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // the queries only read: store the triggers once
class PostgresJobStoreDelegateTest {

    private static final int TRIGGERS = 5_000;
    private static final String SCHED = "callbackdesk-p0";

    private Database db;
    private CallbackScheduler scheduler;
    private final Instant t0 = Instant.now().plus(Duration.ofHours(1)).truncatedTo(ChronoUnit.MILLIS);

    @BeforeAll
    void store() throws SQLException {
        db = Database.open(TestDatabases.postgres().withPoolSize(4));
        // One partition, never started: the rows stay as stored.
        scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults().withPartitions(1).withInstanceId("delegate"),
                a -> { }, Firings.noReplan(), Clock.systemUTC());
        List<AttemptWindow> windows = new ArrayList<>();
        for (int i = 1; i <= TRIGGERS; i++) {
            // 10 ms apart, in reverse id order, so the fire-time order is not the insertion order.
            Instant at = t0.plusMillis(10L * (TRIGGERS - i));
            windows.add(new AttemptWindow(i, 1, at, at.plus(Duration.ofHours(1))));
        }
        scheduler.scheduleAll(windows);
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement()) {
            st.execute("ANALYZE");
        }
    }

    @AfterAll
    void close() {
        scheduler.stop();
        db.close();
    }

    private static <D extends StdJDBCDelegate> D initialized(D delegate) throws Exception {
        delegate.initialize(LoggerFactory.getLogger(PostgresJobStoreDelegateTest.class), "QRTZ_", SCHED, "delegate",
                new SimpleClassLoadHelper(), true, null);
        return delegate;
    }

    private long ms(int plusMillis) {
        return t0.toEpochMilli() + plusMillis;
    }

    @Test
    void acquisitionAnswersWhatQuartzAnswersLimitedAndInFireTimeOrder() throws Exception {
        PostgresJobStoreDelegate ours = initialized(new PostgresJobStoreDelegate());
        PostgreSQLDelegate quartz = initialized(new PostgreSQLDelegate());
        try (Connection c = db.dataSource().getConnection()) {
            // Due by t0 + 1 s: 101 triggers (t0, t0+10 ms, ... t0+1000 ms); the first 10 are wanted.
            List<TriggerKey> keys = ours.selectTriggerToAcquire(c, ms(1_000), 0, 10);
            assertThat(keys).extracting(TriggerKey::getName)
                    .containsExactly("5000", "4999", "4998", "4997", "4996", "4995", "4994", "4993", "4992", "4991");
            assertThat(keys).isEqualTo(quartz.selectTriggerToAcquire(c, ms(1_000), 0, 10));
            // Misfire bound: nothing earlier than noEarlierThan comes back (FIRE_NOW triggers have MISFIRE_INSTR 1).
            assertThat(ours.selectTriggerToAcquire(c, ms(1_000), ms(995), 10)).extracting(TriggerKey::getName)
                    .containsExactly("4900");
            assertThat(ours.selectTriggerToAcquire(c, ms(-1), 0, 10)).isEmpty();
            assertThat(ours.selectTriggerToAcquire(c, Long.MAX_VALUE, 0, 0)).hasSize(1); // at least one
            // Full range, bounds as large as a BIGINT holds.
            assertThat(ours.selectTriggerToAcquire(c, Long.MAX_VALUE, Long.MIN_VALUE, TRIGGERS + 10)).hasSize(TRIGGERS);
        }
    }

    @Test
    void misfireQueriesStopAtTheAskedCountAndAgreeWithQuartz() throws Exception {
        PostgresJobStoreDelegate ours = initialized(new PostgresJobStoreDelegate());
        PostgreSQLDelegate quartz = initialized(new PostgreSQLDelegate());
        try (Connection c = db.dataSource().getConnection()) {
            long before = ms(200); // 20 triggers are earlier than t0 + 200 ms
            List<TriggerKey> ourKeys = new ArrayList<>();
            List<TriggerKey> quartzKeys = new ArrayList<>();
            assertThat(ours.hasMisfiredTriggersInState(c, Constants.STATE_WAITING, before, 5, ourKeys)).isTrue();
            assertThat(quartz.hasMisfiredTriggersInState(c, Constants.STATE_WAITING, before, 5, quartzKeys)).isTrue();
            assertThat(ourKeys).hasSize(5).isEqualTo(quartzKeys);

            List<TriggerKey> all = new ArrayList<>();
            assertThat(ours.hasMisfiredTriggersInState(c, Constants.STATE_WAITING, before, -1, all)).isFalse();
            assertThat(all).hasSize(20);
            List<TriggerKey> exactly = new ArrayList<>();
            assertThat(ours.hasMisfiredTriggersInState(c, Constants.STATE_WAITING, before, 20, exactly)).isFalse();
            assertThat(exactly).isEqualTo(all);

            assertThat(ours.countMisfiredTriggersInState(c, Constants.STATE_WAITING, before))
                    .isEqualTo(quartz.countMisfiredTriggersInState(c, Constants.STATE_WAITING, before)).isEqualTo(20);
            assertThat(ours.countMisfiredTriggersInState(c, Constants.STATE_WAITING, Long.MAX_VALUE))
                    .isEqualTo(PostgresJobStoreDelegate.COUNT_CAP);
            assertThat(ours.countMisfiredTriggersInState(c, Constants.STATE_ACQUIRED, Long.MAX_VALUE)).isZero();
        }
    }

    @Test
    void theAcquisitionIsAnIndexRangeScanThatStopsAtTheLimit() throws Exception {
        String sql = PostgresJobStoreDelegate.ACQUIRE.replace("{0}", "QRTZ_").replace("{1}", "'" + SCHED + "'");
        try (Connection c = db.dataSource().getConnection();
             PreparedStatement ps = c.prepareStatement("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql)) {
            ps.setString(1, Constants.STATE_WAITING);
            ps.setLong(2, Long.MAX_VALUE); // everything is due: the worst case for a query without LIMIT
            ps.setLong(3, 0);
            ps.setInt(4, 10);
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            assertThat(plan.toString()).as(plan.toString())
                    .contains("Limit", "Index")
                    .doesNotContain("Seq Scan");
            // The index scan under the LIMIT reads a handful of rows, not all 5,000.
            assertThat(indexRowsRead(plan.toString())).as(plan.toString()).isLessThan(TRIGGERS / 10);
        }
    }

    /** "actual rows=N" of the first index scan node in an EXPLAIN ANALYZE plan. */
    private static int indexRowsRead(String plan) {
        for (String line : plan.split("\n")) {
            if (line.contains("Index") && line.contains("actual rows=")) {
                String rest = line.substring(line.indexOf("actual rows=") + "actual rows=".length());
                return Integer.parseInt(rest.substring(0, rest.indexOf(' ')));
            }
        }
        throw new AssertionError("no index scan in\n" + plan);
    }
}
