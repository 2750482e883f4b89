package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A desk on a shifted clock (the demo's business morning) hours ahead of or behind system time:
 * an attempt fires when the desk's clock reaches its time — not hours early (clock behind) and not
 * hours late (clock ahead) — and the fired attempt reads the desk's times.
 */
class ShiftedClockSchedulingTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    static Stream<Arguments> shiftsOnBothDatabases() {
        return TestDatabases.both().flatMap(db -> Stream.of(Duration.ofHours(3), Duration.ofHours(-5))
                .map(shift -> Arguments.of(db, Named.of("clock " + shift, shift))));
    }

    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("shiftsOnBothDatabases")
    void anAttemptFiresWhenTheShiftedClockReachesIt(DatabaseSettings settings, Duration shift) {
        Database db = Database.open(settings.withPoolSize(12));
        toClose.add(db);
        ShiftedClock clock = ShiftedClock.readingNow(Instant.now().plus(shift), ZoneId.of("Asia/Taipei"));
        assertThat(clock.shift()).isBetween(shift.minusSeconds(1), shift.plusSeconds(1));
        Firings.Captured captured = new Firings.Captured();
        CallbackScheduler s = CallbackScheduler.create(db, SchedulerSettings.defaults().withThreadCount(2)
                .withIdleWaitTime(Duration.ofSeconds(1)), captured, Firings.noReplan(), clock);
        toClose.add(s);
        s.start();

        Instant due = clock.instant().truncatedTo(ChronoUnit.MILLIS).plusMillis(1500);
        AttemptWindow window = new AttemptWindow(5, 1, due, due.plus(Duration.ofHours(1)));
        s.schedule(window);
        assertThat(s.scheduled(5)).contains(window);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> !captured.fired.isEmpty() || clock.instant().isAfter(due.plusSeconds(5)));
        assertThat(captured.fired).as("fired when the shifted clock reached the attempt").hasSize(1);
        FiredAttempt fired = captured.fired.get(0);
        assertThat(fired.scheduledAt()).isEqualTo(due);
        assertThat(fired.firedAt()).isAfterOrEqualTo(due).isBefore(due.plusSeconds(3));
        assertThat(fired.misfired()).isFalse();
    }
}
