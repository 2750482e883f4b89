package com.callbackdesk.desk;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.testing.MutableClock;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * A {@link Desk} on a test database at Wednesday 25 November 2026, 10:00 Taipei, with the default
 * policy and calendar and a scheduler that is not started (what is stored counts in these tests).
 */
public final class DeskFixture implements AutoCloseable {

    public static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");

    private final MutableClock clock = new MutableClock(LocalDateTime.parse("2026-11-25T10:00").atZone(TAIPEI)
            .toInstant());
    private final Database database;
    private final CallbackScheduler scheduler;
    private final Desk desk;

    private DeskFixture(DatabaseSettings settings) {
        database = Database.open(settings.withPoolSize(8));
        desk = Desk.open(database, new DeskSettings(RetryPolicy.defaults(), BusinessCalendar.defaults(),
                Set.of("ERROR_MESSAGE"), DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        scheduler = CallbackScheduler.create(database, SchedulerSettings.defaults().withInstanceId("desk-test"),
                a -> { }, desk.planning(), clock);
        desk.planning().useScheduler(scheduler);
    }

    public static DeskFixture open(DatabaseSettings settings) {
        return new DeskFixture(settings);
    }

    public Desk desk() {
        return desk;
    }

    public MutableClock clock() {
        return clock;
    }

    public CallbackScheduler scheduler() {
        return scheduler;
    }

    @Override
    public void close() {
        scheduler.close();
        database.close();
    }
}
