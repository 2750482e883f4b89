package com.callbackdesk.scheduling;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.TestDatabases;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The race that lost zero-delay attempts (AttemptFiredRouteTest was flaky on PostgreSQL):
 * planNext used to store the Quartz trigger before committing PENDING → SCHEDULED, so an attempt
 * due at once could fire while the callback was still PENDING — and the firing path only queues
 * SCHEDULED callbacks. Here the commit is held back (another transaction holds the callback's
 * row lock) for as long as the trigger would need to fire; the firing must still see SCHEDULED.
 */
class ZeroDelayPlanningTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** Open around the clock in a zone where it is about noon now, so "now" is always inside hours. */
    private static BusinessCalendar openNow() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.ofHours(12 - hour));
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.of(0, 0), LocalTime.of(23, 59));
        }
        return b.build();
    }

    @Test
    void anAttemptDueAtOnceNeverFiresBeforeItsCallbackIsScheduled() throws Exception {
        Database db = Database.open(TestDatabases.postgres().withPoolSize(12));
        toClose.add(db);
        Clock clock = Clock.systemUTC();
        CallbackStore store = new CallbackStore(db, clock);
        RetryPolicy dueAtOnce = RetryPolicy.defaults().withFirstAttemptDelay(Urgency.URGENT, Duration.ZERO)
                .withEndOfDayLead(Duration.ZERO);
        AttemptPlanning planning = new AttemptPlanning(db.dataSource(), store, new PolicyStore(db.dataSource(), clock),
                dueAtOnce, openNow(), clock);
        // What the firing path sees: the callback's committed state when its attempt fires.
        Map<Long, CallbackState> seenAtFiring = new ConcurrentHashMap<>();
        CallbackScheduler scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults().withInstanceId("race")
                        .withPartitions(2).withThreadCount(2).withIdleWaitTime(Duration.ofSeconds(1)),
                a -> seenAtFiring.put(a.callbackId(), store.find(a.callbackId()).orElseThrow().state()), planning, clock);
        toClose.add(scheduler);
        planning.useScheduler(scheduler);
        scheduler.start();
        Callback c = store.intakes().record(new NewCallback("1795000000.77", "PJSIP/trunk-7", "+886223456777",
                "+886223456777", NumberSource.CALLER_ID, "en", "NAS", "CANNOT_CONNECT", Urgency.URGENT, null,
                ScreenshotChoice.NOT_NEEDED, Instant.now()), Actor.system("test")).callback();

        CompletableFuture<AttemptPlanning.Planned> planned;
        try (Connection blocker = db.dataSource().getConnection()) {
            blocker.setAutoCommit(false);
            try (PreparedStatement ps = blocker.prepareStatement("SELECT id FROM callback WHERE id = ? FOR UPDATE")) {
                ps.setLong(1, c.id());
                try (ResultSet rs = ps.executeQuery()) {
                    assertThat(rs.next()).isTrue();
                }
            }
            planned = CompletableFuture.supplyAsync(() -> planning.planNext(c.id(), "new request"));
            // Hold the commit back for longer than a due trigger takes to fire on an idle scheduler
            // (milliseconds); before the fix the attempt fired into the PENDING callback meanwhile.
            try {
                await().atMost(Duration.ofSeconds(3)).until(() -> seenAtFiring.containsKey(c.id()));
            } catch (ConditionTimeoutException expected) {
                // nothing fired while the callback could not be SCHEDULED: as it should be
            }
            blocker.rollback();
        }

        assertThat(planned.get(20, TimeUnit.SECONDS).attempt()).isPresent();
        await().atMost(Duration.ofSeconds(20)).until(() -> seenAtFiring.containsKey(c.id()));
        assertThat(seenAtFiring.get(c.id())).as("state when the attempt fired").isEqualTo(CallbackState.SCHEDULED);
        assertThat(store.history(c.id())).extracting(e -> e.newState()).containsSubsequence(CallbackState.SCHEDULED);
    }
}
