package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import com.callbackdesk.storage.Vendor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two clustered nodes, each running the same 3 partitions, on one PostgreSQL database (two pools,
 * as two processes would have): every attempt fires exactly once, and when one node dies mid-run
 * the other takes over its work in every partition without losing any attempt.
 */
class ClusteredSchedulingTest {

    private static final int ATTEMPTS = 1_000;
    private static final int PARTITIONS = 3;

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private record Node(Database db, CallbackScheduler scheduler, RecordingAttemptFiring recorder) {
    }

    private Node node(DatabaseSettings settings, String id) {
        SchedulerSettings s = SchedulerSettings.defaults()
                .withClustered(true)
                .withInstanceId(id)
                .withPartitions(PARTITIONS)
                .withThreadCount(6)
                .withBatch(6, Duration.ZERO)
                .withIdleWaitTime(Duration.ofSeconds(1))
                .withClusterCheckinInterval(Duration.ofMillis(500));
        // 2 workers + 3 Quartz connections per partition: 15 (+1 for the test), 32 for both nodes.
        Database db = Database.open(settings.withPoolSize(s.connectionsNeeded() + 1));
        toClose.add(db);
        assertThat(db.vendor()).isEqualTo(Vendor.POSTGRESQL);
        RecordingAttemptFiring recorder = new RecordingAttemptFiring(db.dataSource());
        CallbackScheduler scheduler = CallbackScheduler.create(db, s, recorder, Firings.noReplan(), Clock.systemUTC());
        toClose.add(scheduler);
        return new Node(db, scheduler, recorder);
    }

    /** ATTEMPTS attempts, one per callback 1..ATTEMPTS, due evenly over {@code spread} from {@code start}. */
    private static List<AttemptWindow> attempts(Instant start, Duration spread) {
        List<AttemptWindow> windows = new ArrayList<>(ATTEMPTS);
        for (int i = 0; i < ATTEMPTS; i++) {
            Instant at = start.plusMillis(spread.toMillis() * i / ATTEMPTS);
            windows.add(new AttemptWindow(i + 1, 1, at, at.plus(Duration.ofMinutes(30))));
        }
        return windows;
    }

    private static Map<String, Long> recordedPerInstance(DataSource ds) {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT instance_id, COUNT(*) FROM fired_attempt GROUP BY instance_id");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static Set<Long> recordedCallbacks(DataSource ds) {
        return Firings.recorded(ds).stream()
                .map(r -> Long.parseLong(r.substring(0, r.indexOf('#'))))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<Long> allCallbacks() {
        return LongStream.rangeClosed(1, ATTEMPTS).boxed().collect(Collectors.toCollection(TreeSet::new));
    }

    @Test
    void twoNodesFireEachOfAThousandAttemptsExactlyOnce() {
        DatabaseSettings settings = TestDatabases.postgres();
        Node a = node(settings, "node-a");
        Node b = node(settings, "node-b");
        a.scheduler().scheduleAll(attempts(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS),
                Duration.ofSeconds(3)));
        assertThat(b.scheduler().pendingCount()).isEqualTo(ATTEMPTS);
        assertThat(triggersPerPartition(a.db().dataSource())).as("callback id mod 3")
                .containsOnlyKeys("callbackdesk-p0", "callbackdesk-p1", "callbackdesk-p2")
                .containsValues(333L, 333L, 334L);
        a.scheduler().start();
        b.scheduler().start();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                .until(() -> RecordingAttemptFiring.countRecorded(a.db().dataSource()) == ATTEMPTS);
        // Let any double fire that is still in flight land before judging.
        await().atMost(Duration.ofSeconds(10)).until(() -> a.scheduler().pendingCount() == 0);
        a.scheduler().stop();
        b.scheduler().stop();

        assertThat(recordedCallbacks(a.db().dataSource())).isEqualTo(allCallbacks());
        assertThat(a.recorder().duplicates() + b.recorder().duplicates()).as("double fires").isZero();
        assertThat(a.recorder().recorded() + b.recorder().recorded()).isEqualTo(ATTEMPTS);
        Map<String, Long> perInstance = recordedPerInstance(a.db().dataSource());
        assertThat(perInstance).as("both nodes took a share: %s", perInstance).containsOnlyKeys("node-a", "node-b");
        assertThat(perInstance.values()).allSatisfy(n -> assertThat(n).isPositive());
    }

    @Test
    void whenOneNodeDiesMidRunTheOtherTakesOverAndNoAttemptIsLost() {
        DatabaseSettings settings = TestDatabases.postgres();
        Node a = node(settings, "node-a");
        Node b = node(settings, "node-b");
        a.scheduler().scheduleAll(attempts(Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.MILLIS),
                Duration.ofSeconds(4)));
        a.scheduler().start();
        b.scheduler().start();

        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(20))
                .until(() -> RecordingAttemptFiring.countRecorded(a.db().dataSource()) >= ATTEMPTS / 4);
        a.scheduler().simulateCrash();
        long byAAtCrash = a.recorder().recorded();
        long byBAtCrash = b.recorder().recorded();

        // B must notice A's silence (check-in 0.5 s + Quartz's 7.5 s grace), release what A had
        // acquired and re-run what A was executing.
        await().atMost(Duration.ofSeconds(40)).pollInterval(Duration.ofMillis(200))
                .until(() -> RecordingAttemptFiring.countRecorded(b.db().dataSource()) == ATTEMPTS);
        await().atMost(Duration.ofSeconds(15)).until(() -> b.scheduler().pendingCount() == 0
                && noFiredTriggersLeft(b.db().dataSource()));
        b.scheduler().stop();

        assertThat(recordedCallbacks(b.db().dataSource())).as("none lost").isEqualTo(allCallbacks());
        assertThat(byAAtCrash).as("A fired before it died").isPositive();
        assertThat(b.recorder().recorded()).as("B fired after A died").isGreaterThan(byBAtCrash);
        // A re-run after fail-over may repeat an attempt A had already handed off when it died;
        // fired_attempt's UNIQUE keeps it recorded once. Only in-flight work can repeat.
        assertThat(b.recorder().duplicates()).isLessThanOrEqualTo(a.scheduler().settings().threadCount());
    }

    private static Map<String, Long> triggersPerPartition(DataSource ds) {
        Map<String, Long> counts = new HashMap<>();
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement(
                     "SELECT sched_name, COUNT(*) FROM qrtz_triggers GROUP BY sched_name");
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return counts;
    }

    private static boolean noFiredTriggersLeft(DataSource ds) {
        try (Connection c = ds.getConnection();
             PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM qrtz_fired_triggers");
             ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1) == 0;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
