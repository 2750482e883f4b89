package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.consultant.ConsultantAuditEntry;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.ConsultantPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.policy.PolicyStore;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.testing.FreePorts;
import com.callbackdesk.scheduling.AttemptPlanning;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.FiredAttempt;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyResult;
import com.callbackdesk.survey.SurveyResults;
import com.callbackdesk.survey.SurveyState;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
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
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dialer over pbx-sim's real AMI server (Asterisk-Java, seda:ami-events, CoreShowChannels), on
 * H2 and PostgreSQL: the AMI connection drops mid-conversation and the consultant hangs up while it
 * is down, so their Hangup never arrives; after the reconnect the live channels tell the dialer the
 * conversation is over — consultant AVAILABLE, dial closed naming the reconciliation, callback
 * CONNECTED awaiting the consultant's outcome, the caller's survey settled. A conversation still
 * going on is never ended by the reconciliation, however often it runs.
 */
class ChannelReconcilerTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final String CUSTOMER = "+886212340101";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private Database db;
    private CallbackStore store;
    private ConsultantDirectory consultants;
    private CallbackQueue queue;
    private Outcomes recorder;
    private SurveyResults surveys;
    private AmiDialer dialer;
    private SimulatedPbx pbx;
    private ProducerTemplate producer;
    private CamelContext camel;
    private Desk desk;
    private int amiPort;
    /** How long the survey IVR has after the caller's leg hangs up; set before {@link #start}. */
    private Duration surveyGrace = Duration.ofSeconds(1);

    @AfterEach
    void closeAll() throws Exception {
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    /** Open around the clock in a zone where it is about noon now. */
    private static BusinessCalendar openNow() {
        int hour = ZonedDateTime.now(ZoneOffset.UTC).getHour();
        BusinessCalendar.Builder b = BusinessCalendar.builder(ZoneOffset.ofHours(12 - hour));
        for (DayOfWeek d : DayOfWeek.values()) {
            b.open(d, LocalTime.of(0, 0), LocalTime.of(23, 59));
        }
        return b.build();
    }

    /**
     * pbx-sim at 1/100 speed with alice's phone and the customer, and the desk's dialer logged in to
     * it; {@code reconcileEvery} is how often the watchdog checks open conversations.
     */
    private void start(DatabaseSettings settings, ConsultantPersona alice, CallerPersona customer,
                       Duration reconcileEvery) throws Exception {
        db = Database.open(settings.withPoolSize(12));
        toClose.add(db);
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults().withTimeScale(0.01)
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + FreePorts.any())));
        pbx.consultant(alice).callee(CUSTOMER, customer);
        amiPort = pbx.startAmi(0).port();
        toClose.add(pbx);
        desk = Desk.open(db, new DeskSettings(RetryPolicy.defaults(), openNow(), Set.of(),
                DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        store = desk.store();
        AttemptPlanning planning = desk.planning();
        consultants = desk.consultants();
        queue = desk.queue();
        recorder = desk.outcomes();
        surveys = desk.surveyResults();
        camel = new DefaultCamelContext();
        camel.start();
        toClose.add(camel::stop);
        CallbackScheduler scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults()
                .withInstanceId("reconcile-test").withThreadCount(2), new RecordingAttemptFiring(db.dataSource()),
                planning, clock);
        toClose.add(scheduler);
        planning.useScheduler(scheduler);
        dialer = startDialer(reconcileEvery);
        producer = camel.createProducerTemplate();
        consultants.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("NAS"), "PJSIP/alice", false),
                Actor.supervisor("sam"), "hired");
        consultants.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        await().atMost(Duration.ofSeconds(15)).until(dialer::connected);
    }

    /** The desk's dialer, logged in to pbx-sim's AMI (a new one = the desk restarted). */
    private AmiDialer startDialer(Duration reconcileEvery) throws Exception {
        AmiSettings ami = AmiSettings.defaults().withServer("127.0.0.1", amiPort).withPingInterval(Duration.ofMillis(500))
                .withResponseTimeout(Duration.ofSeconds(5)).withWatchdog(Duration.ofSeconds(120), Duration.ofMillis(200))
                .withSurveyGrace(surveyGrace).withReconcileInterval(reconcileEvery);
        AmiDialer started = new AmiDialer(ami, camel, desk)
                .start();
        toClose.add(started);
        return started;
    }

    /** A callback alice has claimed, its attempt fired with a window two hours long. */
    private long claimed() {
        Callback c = store.intakes().record(new NewCallback("1795000000.71", "PJSIP/trunk-9", CUSTOMER, CUSTOMER,
                NumberSource.CALLER_ID, "en", "NAS", "CANNOT_CONNECT", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED,
                clock.instant()), Actor.system("test")).callback();
        store.lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED, Actor.system("scheduler"), "attempt fired (test)");
        Instant now = clock.instant();
        new RecordingAttemptFiring(db.dataSource()).fired(new FiredAttempt(c.id(), 1, now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofMinutes(30)), now.plus(Duration.ofHours(2)), false, "test"));
        assertThat(queue.claimNext("alice").orElseThrow().callbackId()).isEqualTo(c.id());
        return c.id();
    }

    private DialResult dial(long id) {
        return producer.requestBody(DialRequest.ENDPOINT, new DialRequest(id, "alice"), DialResult.class);
    }

    private DialTracking.Dial dialOf(long id) {
        return dialer.dials().ofCallback(id).get(0);
    }

    private ConsultantState alice() {
        return consultants.find("alice").orElseThrow().state();
    }

    private List<ConsultantAuditEntry> aliceStates() {
        return consultants.history("alice").stream().filter(e -> "STATE".equals(e.action())).toList();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aConversationWhoseHangupWasLostWithTheAmiConnectionIsSettledAfterTheReconnect(DatabaseSettings settings)
            throws Exception {
        // Only the re-connect may settle it: the watchdog's own check is an hour away.
        start(settings, ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofSeconds(30)),
                CallerPersona.named("in a hurry").answersAfter(Duration.ofSeconds(1)).hangsUpBeforeSurvey().build(),
                Duration.ofHours(1));
        pbx.dropAmiDuringNextConversations(1);
        long id = claimed();

        assertThat(dial(id).accepted()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> !dialOf(id).open());
        DialTracking.Dial dial = dialOf(id);
        assertThat(dial.endReason()).isEqualTo(ChannelReconciler.END_REASON);
        assertThat(dial.consultantCall()).isNotNull();
        assertThat(dial.callerCall()).isNotNull();
        assertThat(pbx.originatedCalls()).singleElement().satisfies(c -> {
            assertThat(c.dialStatus()).isEqualTo("ANSWER");
            assertThat(c.customerHungUpFirst()).isFalse();
        });
        assertThat(alice()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(aliceStates()).extracting(ConsultantAuditEntry::detail).last().asString().endsWith("AVAILABLE");
        assertThat(aliceStates()).extracting(ConsultantAuditEntry::detail)
                .anySatisfy(d -> assertThat(d).endsWith("ON_CALL"));
        Callback after = store.find(id).orElseThrow();
        assertThat(after.state()).as("awaits alice's outcome").isEqualTo(CallbackState.CONNECTED);
        Attempt attempt = recorder.attempts(id).get(0);
        assertThat(attempt.answeredAt()).isNotNull();
        await().atMost(Duration.ofSeconds(10)).until(() -> !surveys.forCallback(id).isEmpty());
        assertThat(surveys.forCallback(id)).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo(SurveyState.NOT_REACHED);
            assertThat(s.callId()).isEqualTo(dial.callerCall());
            assertThat(s.consultant()).isEqualTo("alice");
        });
        // Settled once: a second look changes nothing.
        assertThat(dialer.reconciler().reconcile("test")).isZero();
        Thread.sleep(1500);   // past the survey grace of a second check, had there been one
        assertThat(surveys.forCallback(id)).extracting(SurveyResult::state).containsExactly(SurveyState.NOT_REACHED);
        assertThat(aliceStates()).extracting(ConsultantAuditEntry::detail).filteredOn(d -> d.endsWith("AVAILABLE"))
                .hasSize(2);   // logged in, then after the call: once
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aLiveConversationIsNotEndedByTheReconciliation(DatabaseSettings settings) throws Exception {
        // 400 s of conversation at 1/100 speed: 4 s, checked against the live channels every 100 ms.
        start(settings, ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofSeconds(400)),
                CallerPersona.named("mei").answersAfter(Duration.ofSeconds(1)).hangsUpBeforeSurvey().build(),
                Duration.ofMillis(100));
        long id = claimed();

        assertThat(dial(id).accepted()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> dialOf(id).progress() == DialTracking.Progress.TALKING);

        assertThat(dialer.reconciler().reconcile("test")).isZero();
        Thread.sleep(1500);   // the watchdog's sweeps reconcile meanwhile
        assertThat(dialOf(id).open()).isTrue();
        assertThat(alice()).isEqualTo(ConsultantState.ON_CALL);
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.CONNECTED);

        // The conversation ends as usual, with the consultant's Hangup event.
        await().atMost(Duration.ofSeconds(20)).until(() -> !dialOf(id).open());
        assertThat(dialOf(id).endReason()).startsWith("HANGUP after conversation");
        assertThat(alice()).isEqualTo(ConsultantState.AVAILABLE);
        await().atMost(Duration.ofSeconds(10)).until(() -> !surveys.forCallback(id).isEmpty());
        assertThat(surveys.forCallback(id)).extracting(SurveyResult::state).containsExactly(SurveyState.NOT_REACHED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSurveyStillOwedWhenTheDeskRestartedIsSettledByTheRestartedDesk(DatabaseSettings settings) throws Exception {
        // The first desk would settle the caller's survey an hour after their leg hung up: that check
        // lives in memory and is lost when the desk stops.
        surveyGrace = Duration.ofHours(1);
        start(settings, ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofSeconds(30)),
                CallerPersona.named("in a hurry").answersAfter(Duration.ofSeconds(1)).hangsUpBeforeSurvey().build(),
                Duration.ofHours(1));
        long id = claimed();
        assertThat(dial(id).accepted()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> !pbx.originatedCalls().isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> !dialOf(id).open());
        DialTracking.Dial dial = dialOf(id);
        assertThat(dial.endReason()).startsWith("HANGUP after conversation");
        Thread.sleep(500);   // the caller leg's Hangup is applied too
        assertThat(surveys.forCallback(id)).as("owed, its check an hour away").isEmpty();
        assertThat(dialer.dials().owingSurvey(Instant.EPOCH, clock.instant().plusSeconds(1)))
                .extracting(DialTracking.Dial::callerCall).containsExactly(dial.callerCall());

        dialer.close();   // the desk stops; its pending survey check goes with it
        surveyGrace = Duration.ofSeconds(1);
        AmiDialer restarted = startDialer(Duration.ofMillis(200));
        await().atMost(Duration.ofSeconds(15)).until(restarted::connected);

        await().atMost(Duration.ofSeconds(15)).until(() -> !surveys.forCallback(id).isEmpty());
        assertThat(surveys.forCallback(id)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(SurveyState.NOT_REACHED);
            assertThat(r.callId()).isEqualTo(dial.callerCall());
            assertThat(r.consultant()).isEqualTo("alice");
        });
        assertThat(restarted.dials().owingSurvey(Instant.EPOCH, clock.instant().plusSeconds(1))).isEmpty();
        Thread.sleep(600);   // more passes of the restarted desk's watchdog: settled once
        assertThat(surveys.forCallback(id)).hasSize(1);
        assertThat(store.find(id).orElseThrow().state()).as("still awaits alice's outcome").isEqualTo(CallbackState.CONNECTED);
    }
}
