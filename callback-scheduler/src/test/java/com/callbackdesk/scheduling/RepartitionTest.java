package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The number of partitions changes between restarts (3 → 5 → 2, and from the unpartitioned
 * layout of earlier versions): every stored attempt moves to partition {@code id mod N} with its
 * window, none is lost or doubled, and each then fires exactly once — on H2 and PostgreSQL.
 */
class RepartitionTest {

    private static final int CALLBACKS = 300;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private CallbackScheduler scheduler(Database db, int partitions, AttemptFiring firing) {
        CallbackScheduler s = CallbackScheduler.create(db, SchedulerSettings.defaults().withInstanceId("repartition")
                .withPartitions(partitions).withThreadCount(4).withIdleWaitTime(Duration.ofSeconds(1)),
                firing, Firings.noReplan(), Clock.systemUTC());
        toClose.add(s);
        return s;
    }

    private static List<AttemptWindow> windows(Instant due) {
        return LongStream.rangeClosed(1, CALLBACKS)
                .mapToObj(id -> new AttemptWindow(id, (int) (id % 3) + 1, due.plusMillis(id), due.plus(Duration.ofHours(1))))
                .toList();
    }

    /** sched_name per trigger and per job, e.g. "17 callbackdesk-p2 callbackdesk-p2". */
    private static List<String> placement(DataSource ds) {
        List<String> rows = new ArrayList<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT t.trigger_name, t.sched_name, j.sched_name, t.trigger_state"
                     + " FROM qrtz_triggers t JOIN qrtz_job_details j ON j.sched_name = t.sched_name"
                     + " AND j.job_name = t.job_name AND j.job_group = t.job_group"
                     + " JOIN qrtz_simple_triggers st ON st.sched_name = t.sched_name"
                     + " AND st.trigger_name = t.trigger_name AND st.trigger_group = t.trigger_group");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(rs.getString(1) + " " + rs.getString(2) + " " + rs.getString(3) + " " + rs.getString(4));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    private static List<String> expectedPlacement(int partitions) {
        return LongStream.rangeClosed(1, CALLBACKS)
                .mapToObj(id -> id + " callbackdesk-p" + id % partitions + " callbackdesk-p" + id % partitions + " WAITING")
                .toList();
    }

    private static long rows(DataSource ds, String table) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM " + table);
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void attemptsFollowTheNumberOfPartitionsAcrossRestartsAndFireOnce(DatabaseSettings settings) {
        Database db = Database.open(settings.withPoolSize(20));
        toClose.add(db);
        // Due now: as soon as a scheduler starts, everything fires (windows stay open an hour).
        List<AttemptWindow> windows = windows(Instant.now().truncatedTo(ChronoUnit.MILLIS));

        CallbackScheduler three = scheduler(db, 3, a -> {
            throw new AssertionError("never started");
        });
        three.scheduleAll(windows);
        assertThat(placement(db.dataSource())).containsExactlyInAnyOrderElementsOf(expectedPlacement(3));
        three.stop();

        CallbackScheduler five = scheduler(db, 5, a -> {
            throw new AssertionError("never started");
        });
        assertThat(placement(db.dataSource())).containsExactlyInAnyOrderElementsOf(expectedPlacement(5));
        assertThat(five.pendingCount()).isEqualTo(CALLBACKS);
        for (AttemptWindow w : windows) {
            assertThat(five.scheduled(w.callbackId())).as("callback %d", w.callbackId()).contains(w);
        }
        five.stop();

        RecordingAttemptFiring recorder = new RecordingAttemptFiring(db.dataSource());
        CallbackScheduler two = scheduler(db, 2, recorder);
        assertThat(placement(db.dataSource())).containsExactlyInAnyOrderElementsOf(expectedPlacement(2));
        assertThat(rows(db.dataSource(), "qrtz_job_details")).isEqualTo(CALLBACKS);
        assertThat(rows(db.dataSource(), "qrtz_simple_triggers")).isEqualTo(CALLBACKS);
        two.start();

        await().atMost(Duration.ofSeconds(30)).until(() -> two.pendingCount() == 0);
        two.stop();
        assertThat(Firings.recorded(db.dataSource())).containsExactlyElementsOf(LongStream.rangeClosed(1, CALLBACKS)
                .mapToObj(id -> id + "#" + ((id % 3) + 1) + "@repartition").collect(Collectors.toList()));
        assertThat(recorder.duplicates()).isZero();
        assertThat(rows(db.dataSource(), "qrtz_job_details")).isZero();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void attemptsStoredByTheUnpartitionedSchedulerMoveIntoPartitions(DatabaseSettings settings) throws SQLException {
        Database db = Database.open(settings.withPoolSize(20));
        toClose.add(db);
        List<AttemptWindow> windows = windows(Instant.now().plus(Duration.ofDays(1)).truncatedTo(ChronoUnit.MILLIS));
        CallbackScheduler one = scheduler(db, 1, a -> { });
        one.scheduleAll(windows);
        one.stop();
        // Earlier versions stored everything under the bare scheduler name.
        copyUnder(db.dataSource(), "callbackdesk-p0", "callbackdesk");
        assertThat(placement(db.dataSource())).allSatisfy(r -> assertThat(r).contains(" callbackdesk callbackdesk "));

        CallbackScheduler four = scheduler(db, 4, a -> { });
        assertThat(placement(db.dataSource())).containsExactlyInAnyOrderElementsOf(expectedPlacement(4));
        for (AttemptWindow w : windows) {
            assertThat(four.scheduled(w.callbackId())).contains(w);
        }
    }

    private static void copyUnder(DataSource ds, String from, String to) throws SQLException {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            String[] copy = {
                    "INSERT INTO qrtz_job_details SELECT '" + to + "', job_name, job_group, description, job_class_name,"
                            + " is_durable, is_nonconcurrent, is_update_data, requests_recovery, job_data"
                            + " FROM qrtz_job_details WHERE sched_name = '" + from + "'",
                    "INSERT INTO qrtz_triggers SELECT '" + to + "', trigger_name, trigger_group, job_name, job_group,"
                            + " description, next_fire_time, prev_fire_time, priority, trigger_state, trigger_type,"
                            + " start_time, end_time, calendar_name, misfire_instr, job_data"
                            + " FROM qrtz_triggers WHERE sched_name = '" + from + "'",
                    "INSERT INTO qrtz_simple_triggers SELECT '" + to + "', trigger_name, trigger_group, repeat_count,"
                            + " repeat_interval, times_triggered FROM qrtz_simple_triggers WHERE sched_name = '" + from + "'",
                    "DELETE FROM qrtz_simple_triggers WHERE sched_name = '" + from + "'",
                    "DELETE FROM qrtz_triggers WHERE sched_name = '" + from + "'",
                    "DELETE FROM qrtz_job_details WHERE sched_name = '" + from + "'"};
            for (String sql : copy) {
                try (PreparedStatement ps = c.prepareStatement(sql)) {
                    ps.executeUpdate();
                }
            }
            c.commit();
        }
    }
}
