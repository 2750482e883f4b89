package com.callbackdesk.routes.intake;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.ivr.intake.CapturedIntake;
import com.callbackdesk.ivr.intake.CapturedIntake.NumberSource;
import com.callbackdesk.ivr.intake.CapturedIntake.ScreenshotChoice;
import com.callbackdesk.ivr.intake.CapturedIntake.Urgency;
import com.callbackdesk.ivr.intake.IntakeDecision;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.TestDatabases;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The intake route on a real Camel context and a real database (H2 and PostgreSQL). */
class IntakeRouteTest {

    private static final ZoneId TAIPEI = ZoneId.of("Asia/Taipei");
    private static final Instant NOW = Instant.parse("2026-11-24T02:00:00Z");   // 10:00 Taipei, a Tuesday

    private Database database;
    private CamelContext camel;
    private CamelIntakeDesk desk;
    private CallbackStore store;
    private AttemptPlanning planning;
    private CallbackScheduler scheduler;

    private void start(DatabaseSettings settings) throws Exception {
        start(settings, NOW);
    }

    private void start(DatabaseSettings settings, Instant now) throws Exception {
        database = Database.open(settings);
        Clock clock = Clock.fixed(now, TAIPEI);
        Desk deskLayer = Desk.open(database, new DeskSettings(RetryPolicy.defaults(), BusinessCalendar.defaults(),
                Set.of(), DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        store = deskLayer.store();
        PromptCatalogue catalogue = PromptCatalogue.loadDefault();
        camel = new DefaultCamelContext();
        planning = deskLayer.planning();
        // Not started: these tests look at what intake plans, not at firing.
        scheduler = CallbackScheduler.create(database, SchedulerSettings.defaults().withInstanceId("intake-test"),
                a -> { }, planning, clock);
        planning.useScheduler(scheduler);
        camel.addRoutes(new IntakeRoute(new IntakeValidator(catalogue), deskLayer.intakes()));
        camel.start();
        desk = new CamelIntakeDesk(camel.createProducerTemplate());
    }

    @AfterEach
    void stop() {
        if (camel != null) {
            camel.stop();
        }
        if (scheduler != null) {
            scheduler.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void commitsEveryCapturedFieldBeforeAnswering(DatabaseSettings db) throws Exception {
        start(db);
        CapturedIntake intake = intake("1795557639.9", "+886223456789", "ERROR_MESSAGE", Urgency.URGENT,
                LocalTime.of(17, 30), ScreenshotChoice.SMS);

        IntakeDecision decision = desk.submit(intake);

        assertThat(decision).isInstanceOf(IntakeDecision.Accepted.class);
        long id = ((IntakeDecision.Accepted) decision).callbackId();
        Callback stored = store.find(id).orElseThrow();
        assertThat(stored.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(stored.policyVersion()).isEqualTo(1);
        assertThat(stored.callUniqueId()).isEqualTo("1795557639.9");
        assertThat(stored.callerId()).isEqualTo("+886223456789");
        assertThat(stored.callbackNumber()).isEqualTo("+886223456789");
        assertThat(stored.numberSource().name()).isEqualTo("CALLER_ID");
        assertThat(stored.language()).isEqualTo("zh-TW");
        assertThat(stored.product()).isEqualTo("ROUTER");
        assertThat(stored.category()).isEqualTo("ERROR_MESSAGE");
        assertThat(stored.urgency().name()).isEqualTo("URGENT");
        assertThat(stored.reachableUntil()).isEqualTo(LocalTime.of(17, 30));
        assertThat(stored.screenshotChoice().name()).isEqualTo("SMS");
        // Planned by the retry planner: urgent, first attempt 5 minutes after the request.
        IntakeDecision.Accepted accepted = (IntakeDecision.Accepted) decision;
        assertThat(accepted.estimatedCallback().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(accepted.nextBusinessMorning()).isFalse();
        assertThat(stored.plannedAt()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(scheduler.scheduled(id)).isPresent();
        List<AuditEntry> history = store.history(id);
        assertThat(history).isNotEmpty();
        assertThat(history.get(0).actor().name()).isEqualTo("intake-route");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void secondCallFromTheSameNumberMergesIntoTheOpenCallback(DatabaseSettings db) throws Exception {
        start(db);
        IntakeDecision first = desk.submit(intake("100.1", "+886223456789", "CANNOT_CONNECT", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED));
        IntakeDecision second = desk.submit(intake("100.2", "+886223456789", "CANNOT_CONNECT", Urgency.URGENT, null,
                ScreenshotChoice.NOT_NEEDED));

        assertThat(second).isInstanceOf(IntakeDecision.Merged.class);
        long id = ((IntakeDecision.Accepted) first).callbackId();
        assertThat(((IntakeDecision.Merged) second).callbackId()).isEqualTo(id);
        assertThat(store.count()).isEqualTo(1);
        assertThat(store.merges(id)).hasSize(1);
        assertThat(store.find(id).orElseThrow().mergeCount()).isEqualTo(1);
        // The merge made it urgent: planned again, 5 instead of 20 minutes after the request.
        assertThat(((IntakeDecision.Accepted) first).estimatedCallback().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(20)));
        assertThat(((IntakeDecision.Merged) second).estimatedCallback().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
        assertThat(scheduler.scheduled(id).orElseThrow().earliest()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aRequestThatCannotBeServedBeforeTheCallersEndOfDayMovesToTheNextMorningOrTheCallersTime(DatabaseSettings db)
            throws Exception {
        Instant at1710 = Instant.parse("2026-11-24T09:10:00Z"); // 17:10 Taipei, Tuesday
        start(db, at1710);

        IntakeDecision decision = desk.submit(intake("500.1", "+886223456701", "CANNOT_CONNECT", Urgency.NORMAL,
                LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED));

        IntakeDecision.Accepted accepted = (IntakeDecision.Accepted) decision;
        assertThat(accepted.nextBusinessMorning()).isTrue();
        assertThat(accepted.estimatedCallback().toLocalDateTime()).isEqualTo("2026-11-25T09:00");

        IntakeDecision chosen = desk.callMeAt(accepted.callbackId(), LocalTime.of(14, 0), "500.1");

        assertThat(chosen).isInstanceOf(IntakeDecision.Accepted.class);
        assertThat(((IntakeDecision.Accepted) chosen).estimatedCallback().toLocalDateTime()).isEqualTo("2026-11-25T14:00");
        Callback stored = store.find(accepted.callbackId()).orElseThrow();
        assertThat(stored.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(stored.notBefore()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
        assertThat(stored.plannedAt()).isEqualTo(Instant.parse("2026-11-25T06:00:00Z"));
        assertThat(scheduler.scheduled(accepted.callbackId()).orElseThrow().earliest()).isEqualTo(stored.plannedAt());
        assertThat(store.history(accepted.callbackId())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo(Actor.caller("+886223456701"));
            assertThat(e.why()).contains("caller chose 14:00");
        });
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aChosenTimeAfterClosingLandsOnTheNextOpenSlotNeverOutsideHours(DatabaseSettings db) throws Exception {
        start(db, Instant.parse("2026-11-24T09:10:00Z"));
        long id = ((IntakeDecision.Accepted) desk.submit(intake("500.2", "+886223456702", "CANNOT_CONNECT",
                Urgency.NORMAL, LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED))).callbackId();

        IntakeDecision chosen = desk.callMeAt(id, LocalTime.of(21, 0), "500.2");

        // 21:00 on Wednesday is after closing: Thursday's opening.
        assertThat(((IntakeDecision.Accepted) chosen).estimatedCallback().toLocalDateTime()).isEqualTo("2026-11-26T09:00");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void racingCallsFromOneNumberNeverDoubleInsert(DatabaseSettings db) throws Exception {
        start(db);
        int callers = 12;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<IntakeDecision>> decisions = new ArrayList<>();
        for (int i = 0; i < callers; i++) {
            String uniqueId = "200." + i;
            Callable<IntakeDecision> call = () -> {
                go.await();
                return desk.submit(intake(uniqueId, "+886223456780", "BILLING", Urgency.NORMAL, null,
                        ScreenshotChoice.NOT_NEEDED));
            };
            decisions.add(pool.submit(call));
        }
        go.countDown();
        int accepted = 0;
        int merged = 0;
        for (Future<IntakeDecision> f : decisions) {
            IntakeDecision d = f.get();
            if (d instanceof IntakeDecision.Accepted) {
                accepted++;
            } else if (d instanceof IntakeDecision.Merged) {
                merged++;
            }
        }
        pool.shutdown();
        assertThat(accepted).isEqualTo(1);
        assertThat(merged).isEqualTo(callers - 1);
        assertThat(store.count()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void refusesAnUnknownProductNamingTheFieldAndStoresNothing(DatabaseSettings db) throws Exception {
        start(db);
        CapturedIntake bad = new CapturedIntake("300.1", "PJSIP/trunk-1", null, "+886223456789", NumberSource.ENTERED,
                "en", "TOASTER", "BILLING", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, NOW);

        IntakeDecision decision = desk.submit(bad);

        assertThat(decision).isInstanceOf(IntakeDecision.Rejected.class);
        assertThat(((IntakeDecision.Rejected) decision).detail()).contains("product").contains("TOASTER");
        assertThat(store.count()).isZero();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void refusesANumberThatIsNotE164AsAnInvalidNumber(DatabaseSettings db) throws Exception {
        start(db);
        IntakeDecision decision = desk.submit(intake("300.2", "0223456789", "BILLING", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED));

        assertThat(decision).isEqualTo(new IntakeDecision.Rejected("invalid-number",
                "300.2: callbackNumber: must be E.164 (+ and 7 to 15 digits), was '0223456789'"));
        assertThat(store.count()).isZero();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void refusesAScreenCategoryWithoutTheCallersLinkChoice(DatabaseSettings db) throws Exception {
        start(db);
        IntakeDecision decision = desk.submit(intake("300.3", "+886223456789", "ERROR_MESSAGE", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED));

        assertThat(decision).isInstanceOf(IntakeDecision.Rejected.class);
        assertThat(((IntakeDecision.Rejected) decision).detail()).contains("screenshotChoice");
        assertThat(store.count()).isZero();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void sameProblemAgainAfterAResolvedCallbackIsFlaggedAndEscalated(DatabaseSettings db) throws Exception {
        start(db);
        long first = ((IntakeDecision.Accepted) desk.submit(intake("400.1", "+886223456789", "CANNOT_CONNECT",
                Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED))).callbackId();
        Actor system = Actor.system("test");
        CallbackState[] path = {CallbackState.SCHEDULED, CallbackState.QUEUED,
                CallbackState.CLAIMED, CallbackState.DIALING, CallbackState.CONNECTED, CallbackState.RESOLVED};
        for (int i = 1; i < path.length; i++) {
            store.lifecycle().transition(first, path[i - 1], path[i], system, "consultant solved it");
        }

        IntakeDecision again = desk.submit(intake("400.2", "+886223456789", "CANNOT_CONNECT", Urgency.NORMAL, null,
                ScreenshotChoice.NOT_NEEDED));

        long second = ((IntakeDecision.Accepted) again).callbackId();
        assertThat(second).isNotEqualTo(first);
        assertThat(store.find(second).orElseThrow().escalationLevel()).isEqualTo(EscalationLevel.REPEAT_OR_DISSATISFIED);
    }

    private static CapturedIntake intake(String uniqueId, String number, String category, Urgency urgency,
                                         LocalTime until, ScreenshotChoice screenshot) {
        String callerId = number.startsWith("+") ? number : null;
        return new CapturedIntake(uniqueId, "PJSIP/trunk-00000001", callerId, number, NumberSource.CALLER_ID,
                "zh-TW", "ROUTER", category, urgency, until, screenshot, NOW);
    }
}
