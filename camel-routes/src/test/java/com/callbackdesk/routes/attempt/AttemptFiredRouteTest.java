package com.callbackdesk.routes.attempt;

import com.callbackdesk.desk.attempt.AttemptQueuing;
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
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.FiredAttempt;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Planned → fired by Quartz (real JDBC JobStore, real time) → Camel route → QUEUED, audited; a
 * cancelled callback whose attempt still fires is not queued; a second delivery changes nothing.
 */
class AttemptFiredRouteTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private CallbackStore store;
    private AttemptPlanning planning;
    private CallbackScheduler scheduler;

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** An office open around the clock in a zone where it is about noon now, so "now" is always inside hours. */
    private static BusinessCalendar openNow() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.ofHours(12 - hour));
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.of(0, 0), LocalTime.of(23, 59));
        }
        return b.build();
    }

    private void start(DatabaseSettings settings, RetryPolicy policy) throws Exception {
        Database db = Database.open(settings.withPoolSize(12));
        toClose.add(db);
        Clock clock = Clock.systemUTC();
        store = new CallbackStore(db, clock);
        planning = new AttemptPlanning(db.dataSource(), store, new PolicyStore(db.dataSource(), clock), policy, openNow(), clock);
        CamelContext camel = new DefaultCamelContext();
        camel.addRoutes(new AttemptFiredRoute(new AttemptQueuing(store)));
        camel.start();
        toClose.add(camel::stop);
        scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults().withInstanceId("route-test")
                        .withThreadCount(4).withIdleWaitTime(Duration.ofSeconds(1)),
                new RecordingAttemptFiring(db.dataSource()).andThen(new CamelAttemptFiring(camel.createProducerTemplate())),
                planning, clock);
        toClose.add(scheduler);
        planning.useScheduler(scheduler);
        scheduler.start();
    }

    private Callback intake(String number, Urgency urgency) {
        return store.intakes().record(new NewCallback("1795000000." + number.substring(number.length() - 2), "PJSIP/trunk-9",
                number, number, NumberSource.CALLER_ID, "en", "NAS", "CANNOT_CONNECT", urgency, null,
                ScreenshotChoice.NOT_NEEDED, Instant.now()), Actor.system("test")).callback();
    }

    private static RetryPolicy dueInSeconds() {
        // Whole minutes are the policy's grain; zero delay makes the first attempt due at once.
        return RetryPolicy.defaults().withFirstAttemptDelay(Urgency.URGENT, Duration.ZERO).withEndOfDayLead(Duration.ZERO);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aFiredAttemptPutsTheCallbackInTheConsultantQueue(DatabaseSettings settings) throws Exception {
        start(settings, dueInSeconds());
        Callback c = intake("+886223456711", Urgency.URGENT);

        planning.planNext(c.id(), "new request");

        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(c.id()).orElseThrow().state() == CallbackState.QUEUED);
        assertThat(store.history(c.id())).extracting(e -> e.newState() + " by " + e.actor())
                .containsSubsequence("SCHEDULED by system:retry-planner", "QUEUED by system:scheduler");
        assertThat(store.history(c.id())).last().satisfies(e -> assertThat(e.why()).contains("attempt 1 due"));
        assertThat(scheduler.scheduled(c.id())).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aCallbackCancelledAfterPlanningIsNotQueuedAndASecondDeliveryChangesNothing(DatabaseSettings settings)
            throws Exception {
        start(settings, dueInSeconds());
        Callback c = intake("+886223456712", Urgency.NORMAL);
        planning.planNext(c.id(), "new request");
        store.lifecycle().transition(c.id(), CallbackState.SCHEDULED, CallbackState.CANCELLED, Actor.caller(c.callbackNumber()),
                "solved it myself");

        AttemptQueuing queuing = new AttemptQueuing(store);
        FiredAttempt late = new FiredAttempt(c.id(), 1, Instant.now(), Instant.now(), Instant.now().plusSeconds(600),
                false, "route-test");
        assertThat(queuing.queue(late).state()).isEqualTo(CallbackState.CANCELLED);

        Callback d = intake("+886223456713", Urgency.URGENT);
        planning.planNext(d.id(), "new request");
        await().atMost(Duration.ofSeconds(20)).until(() -> store.find(d.id()).orElseThrow().state() == CallbackState.QUEUED);
        int audited = store.history(d.id()).size();
        assertThat(queuing.queue(new FiredAttempt(d.id(), 1, Instant.now(), Instant.now(), Instant.now().plusSeconds(60),
                false, "route-test")).state()).isEqualTo(CallbackState.QUEUED);
        assertThat(store.history(d.id())).hasSize(audited);
    }
}
