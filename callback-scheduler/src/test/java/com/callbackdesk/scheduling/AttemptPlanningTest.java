package com.callbackdesk.scheduling;

import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.retry.Plan;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Planning made durable, on H2 and PostgreSQL: the plan is a Quartz trigger and an audited
 * PENDING → SCHEDULED with the planned time and the policy version; give-ups close with the
 * reason; a misfire past the window re-plans; a lost race leaves nothing scheduled.
 */
class AttemptPlanningTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final BusinessCalendar OFFICE = BusinessCalendar.defaults(); // Taipei, Mon-Fri 09-18

    private final MutableClock clock = new MutableClock(taipei("2026-11-25T17:10"));
    private final List<AutoCloseable> toClose = new ArrayList<>();
    private CallbackStore store;
    private PolicyStore policies;
    private CallbackScheduler scheduler;
    private AttemptPlanning planning;
    private Database db;

    static Instant taipei(String local) {
        return LocalDateTime.parse(local).atZone(TAIPEI).toInstant();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private void open(DatabaseSettings settings) {
        db = Database.open(settings.withPoolSize(8));
        toClose.add(db);
        store = new CallbackStore(db, clock);
        policies = new PolicyStore(db.dataSource(), clock);
        planning = new AttemptPlanning(db.dataSource(), store, policies, RetryPolicy.defaults(), OFFICE, clock);
        // Not started: these tests look at what is stored, not at firing (CallbackSchedulerTest does that).
        scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults().withInstanceId("test"), a -> { },
                planning, clock);
        toClose.add(scheduler);
        planning.useScheduler(scheduler);
    }

    private Callback intake(String number, Urgency urgency, LocalTime until) {
        return store.intakes().record(new NewCallback("1795000000." + number.substring(number.length() - 3), "PJSIP/trunk-1",
                number, number, NumberSource.CALLER_ID, "en", "ROUTER", "CANNOT_CONNECT", urgency, until,
                ScreenshotChoice.NOT_NEEDED, clock.instant()), Actor.system("test")).callback();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aNewRequestIsPlannedScheduledAndAudited(DatabaseSettings settings) {
        open(settings);
        Callback c = intake("+886223456001", Urgency.NORMAL, LocalTime.of(17, 30)); // 17:10, leaves 17:30

        AttemptPlanning.Planned planned = planning.planNext(c.id(), "new request");

        Plan.Attempt a = planned.attempt().orElseThrow();
        assertThat(a.earliest()).isEqualTo(taipei("2026-11-26T09:00"));
        assertThat(a.nextBusinessDay()).isTrue();
        assertThat(planned.policyVersion()).isEqualTo(1);
        Callback stored = store.find(c.id()).orElseThrow();
        assertThat(stored.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(stored.plannedAt()).isEqualTo(a.earliest());
        assertThat(stored.policyVersion()).isEqualTo(1);
        assertThat(scheduler.scheduled(c.id())).contains(new AttemptWindow(c.id(), 1, a.earliest(), a.latest()));
        assertThat(store.history(c.id())).last().satisfies(e -> {
            assertThat(e.actor()).isEqualTo(Actor.system("retry-planner"));
            assertThat(e.why()).contains("attempt 1", "next business day", "policy v1");
        });
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theCallbackRemembersThePolicyVersionThatPlannedIt(DatabaseSettings settings) {
        open(settings);
        planning.livePolicy();
        policies.save(RetryPolicy.defaults().withFirstAttemptDelay(Urgency.NORMAL, Duration.ofMinutes(5)),
                Actor.supervisor("mei"), "call sooner", 1);
        clock.set(taipei("2026-11-25T10:00"));
        Callback c = intake("+886223456002", Urgency.NORMAL, null);

        AttemptPlanning.Planned planned = planning.planNext(c.id(), "new request");

        assertThat(planned.policyVersion()).isEqualTo(2);
        assertThat(planned.attempt().orElseThrow().earliest()).isEqualTo(taipei("2026-11-25T10:05"));
        assertThat(store.find(c.id()).orElseThrow().policyVersion()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aMissedWindowIsReplannedFromNowKeepingTheAttemptNumber(DatabaseSettings settings) {
        open(settings);
        clock.set(taipei("2026-11-25T10:00"));
        Callback c = intake("+886223456003", Urgency.NORMAL, null);
        Plan.Attempt a = planning.planNext(c.id(), "new request").attempt().orElseThrow();

        clock.set(taipei("2026-11-26T11:40")); // the node was down over night
        Optional<AttemptWindow> again = planning.replan(new FiredAttempt(c.id(), 1, a.earliest(), clock.instant(),
                a.latest(), true, "test"));

        assertThat(again).contains(new AttemptWindow(c.id(), 1, clock.instant(), taipei("2026-11-26T17:30")));
        assertThat(store.find(c.id()).orElseThrow().plannedAt()).isEqualTo(clock.instant());
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aMissedWindowPastTheExpiryClosesTheCallbackWithTheReason(DatabaseSettings settings) {
        open(settings);
        clock.set(taipei("2026-11-25T10:00"));
        Callback c = intake("+886223456004", Urgency.NORMAL, null);
        Plan.Attempt a = planning.planNext(c.id(), "new request").attempt().orElseThrow();

        clock.set(taipei("2026-12-08T10:00")); // down for two weeks: past 5 business days
        Optional<AttemptWindow> again = planning.replan(new FiredAttempt(c.id(), 1, a.earliest(), clock.instant(),
                a.latest(), true, "test"));

        assertThat(again).isEmpty();
        Callback closed = store.find(c.id()).orElseThrow();
        assertThat(closed.state()).isEqualTo(CallbackState.EXPIRED);
        assertThat(store.history(c.id())).last().satisfies(e -> assertThat(e.why()).contains("EXPIRED", "5 business day"));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void onlyAPendingCallbackIsPlannedAndALostRaceLeavesNoTrigger(DatabaseSettings settings) {
        open(settings);
        clock.set(taipei("2026-11-25T10:00"));
        Callback c = intake("+886223456005", Urgency.NORMAL, null);
        planning.planNext(c.id(), "new request");

        assertThatThrownBy(() -> planning.planNext(c.id(), "again")).isInstanceOf(StaleStateException.class);
        assertThat(scheduler.scheduled(c.id())).isPresent(); // the first plan is untouched

        store.lifecycle().transition(c.id(), CallbackState.SCHEDULED, CallbackState.CANCELLED, Actor.caller(c.callbackNumber()), "solved it");
        scheduler.unschedule(c.id());
        assertThat(planning.planAllPending()).isZero();
        assertThat(scheduler.scheduled(c.id())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallerFromAnotherTimeZoneIsHeldToTheirOwnEndOfDay(DatabaseSettings settings) {
        open(settings);
        clock.set(taipei("2026-11-25T15:20"));
        // A Tokyo number (one hour ahead of Taipei): "until 17:00" is 16:00 in the office; with
        // 20 minutes' delay and 30 minutes' lead the attempt cannot start by 15:30 Taipei time.
        Callback tokyo = intake("+81312345678", Urgency.NORMAL, LocalTime.of(17, 0));
        Callback taipei = intake("+886223456010", Urgency.NORMAL, LocalTime.of(17, 0));

        assertThat(planning.planNext(tokyo.id(), "new request").attempt().orElseThrow().earliest())
                .isEqualTo(taipei("2026-11-26T09:00"));
        assertThat(planning.planNext(taipei.id(), "new request").attempt().orElseThrow().earliest())
                .isEqualTo(taipei("2026-11-25T15:40"));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theStartUpSweepPlansWhatACrashLeftPending(DatabaseSettings settings) {
        open(settings);
        clock.set(taipei("2026-11-25T10:00"));
        Callback a = intake("+886223456006", Urgency.URGENT, null);
        Callback b = intake("+886223456007", Urgency.NORMAL, null);

        assertThat(planning.planAllPending()).isEqualTo(2);

        assertThat(store.find(a.id()).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(scheduler.scheduled(a.id()).orElseThrow().earliest()).isEqualTo(taipei("2026-11-25T10:05"));
        assertThat(scheduler.scheduled(b.id()).orElseThrow().earliest()).isEqualTo(taipei("2026-11-25T10:20"));
        assertThat(scheduler.pendingCount()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void whenTheTriggerCannotBeStoredTheCallbackGoesBackToPendingAndTheSweepPlansIt(DatabaseSettings settings) {
        open(settings);
        clock.set(taipei("2026-11-25T10:00"));
        Callback c = intake("+886223456008", Urgency.NORMAL, null);
        scheduler.stop(); // Quartz refuses to store anything now

        assertThatThrownBy(() -> planning.planNext(c.id(), "new request"))
                .isInstanceOf(com.callbackdesk.storage.StorageException.class);

        assertThat(store.find(c.id()).orElseThrow().state()).isEqualTo(CallbackState.PENDING);
        assertThat(store.history(c.id())).last().satisfies(e -> {
            assertThat(e.newState()).isEqualTo(CallbackState.PENDING);
            assertThat(e.why()).contains("attempt 1 could not be scheduled");
        });
        CallbackScheduler again = CallbackScheduler.create(db, SchedulerSettings.defaults().withInstanceId("again"),
                a -> { }, planning, clock);
        toClose.add(again);
        planning.useScheduler(again);
        assertThat(planning.planAllPending()).isEqualTo(1);
        assertThat(store.find(c.id()).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(again.scheduled(c.id())).isPresent();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theStartUpSweepPlansAScheduledCallbackWhoseTriggerWasNeverStored(DatabaseSettings settings) {
        open(settings);
        clock.set(taipei("2026-11-25T10:00"));
        Callback planned = intake("+886223456009", Urgency.NORMAL, null);
        planning.planNext(planned.id(), "new request");
        // A crash after PENDING -> SCHEDULED committed and before the trigger was stored:
        Callback crashed = intake("+886223456011", Urgency.URGENT, null);
        store.lifecycle().transition(crashed.id(), CallbackState.PENDING, CallbackState.SCHEDULED, Actor.system("retry-planner"),
                "new request: attempt 1 (then the process died)");
        assertThat(scheduler.scheduled(crashed.id())).isEmpty();

        assertThat(planning.planAllPending()).isEqualTo(1);

        assertThat(scheduler.scheduled(crashed.id()).orElseThrow().earliest()).isEqualTo(taipei("2026-11-25T10:05"));
        assertThat(store.find(crashed.id()).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(store.history(crashed.id())).extracting(e -> e.newState()).containsSubsequence(
                CallbackState.SCHEDULED, CallbackState.PENDING, CallbackState.SCHEDULED);
        assertThat(scheduler.pendingCount()).isEqualTo(2); // the properly planned one untouched
    }
}
