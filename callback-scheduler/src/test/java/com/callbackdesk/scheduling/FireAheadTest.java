package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fire-ahead: with a 400 ms window Quartz acquires ten attempts due 40 ms apart as one batch and
 * hands them all to workers at the first one's time — up to 360 ms early. The job waits, so no
 * attempt reaches the dialer before its planned time.
 */
class FireAheadTest {

    @Test
    void attemptsAcquiredAheadOfTimeAreHandedOnNoEarlierThanPlanned() {
        try (Database db = Database.open(TestDatabases.h2().withPoolSize(16))) {
            Firings.Captured captured = new Firings.Captured();
            List<Instant> handedOnAt = new java.util.concurrent.CopyOnWriteArrayList<>();
            CallbackScheduler scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults()
                            .withInstanceId("ahead").withPartitions(1).withThreadCount(10)
                            .withBatch(10, Duration.ofMillis(400)).withIdleWaitTime(Duration.ofSeconds(1)),
                    captured.andThen(a -> handedOnAt.add(Instant.now())), Firings.noReplan(), Clock.systemUTC());
            try (scheduler) {
                Instant first = Instant.now().plusMillis(1_500).truncatedTo(ChronoUnit.MILLIS);
                List<AttemptWindow> windows = new ArrayList<>();
                for (int i = 0; i < 10; i++) {
                    Instant at = first.plusMillis(40L * i);
                    windows.add(new AttemptWindow(i + 1, 1, at, at.plus(Duration.ofMinutes(10))));
                }
                scheduler.scheduleAll(windows);
                scheduler.start();

                await().atMost(Duration.ofSeconds(20)).until(() -> captured.fired.size() == 10);

                assertThat(captured.fired).allSatisfy(a -> {
                    assertThat(a.firedAt()).as("attempt of callback %d", a.callbackId()).isAfterOrEqualTo(a.scheduledAt());
                    assertThat(a.lateness()).isLessThan(Duration.ofSeconds(5));
                });
                for (int i = 0; i < 10; i++) {
                    FiredAttempt a = captured.fired.get(i);
                    assertThat(handedOnAt.get(i)).isAfterOrEqualTo(a.scheduledAt());
                }
            }
        }
    }
}
