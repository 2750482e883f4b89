package com.callbackdesk.scheduling;

import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.testing.MutableClock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RecordingAttemptFiring#latestWindow} gives the dialer the window of the last firing (H2 and PostgreSQL). */
class RecordingAttemptFiringTest {

    private final MutableClock clock = new MutableClock(AttemptPlanningTest.taipei("2026-11-25T10:00"));

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theDialerReadsTheWindowOfTheLatestFiring(DatabaseSettings settings) {
        try (Database db = Database.open(settings)) {
            RecordingAttemptFiring firing = new RecordingAttemptFiring(db.dataSource());
            Instant now = clock.instant();
            assertThat(RecordingAttemptFiring.latestWindow(db.dataSource(), 77)).isEmpty();

            firing.fired(new FiredAttempt(77, 1, now, now, now.plus(Duration.ofHours(1)), false, "test"));
            firing.fired(new FiredAttempt(77, 2, now, now.plus(Duration.ofHours(3)), now.plus(Duration.ofHours(5)),
                    false, "test"));

            assertThat(RecordingAttemptFiring.latestWindow(db.dataSource(), 77)).contains(now.plus(Duration.ofHours(5)));
        }
    }
}
