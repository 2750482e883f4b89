package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantAuditEntry;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskSettings;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.ConsultantPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.DeskKpis;
import com.callbackdesk.scheduling.CallbackScheduler;
import com.callbackdesk.scheduling.FiredAttempt;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.scheduling.SchedulerSettings;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.testing.FreePorts;
import org.apache.camel.CamelContext;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.Processor;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.InterceptStrategy;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.ManagerEvent;
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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dial-path faults through pbx-sim's AMI (Asterisk-Java, seda:ami-events), on H2 and
 * PostgreSQL: the consultant hangs up while the caller's phone rings (DialStatus CANCEL) — no
 * attempt burned on the caller, the callback back in the queue with its due time, the cancel in
 * the consultant's audit and dial-fault figures, the consultant not AWAY; the PBX restarts while
 * the consultant's phone rings — PBX_RESTART, not the consultant's no-answer, nobody AWAY; and the
 * caller ID the customer's leg shows, per category.
 */
class DialFaultsTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final String CUSTOMER = "+886212340201";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private final List<ManagerEvent> seen = new CopyOnWriteArrayList<>();
    private Database db;
    private Desk desk;
    private CallbackStore store;
    private ConsultantDirectory consultants;
    private CallbackQueue queue;
    private AmiDialer dialer;
    private SimulatedPbx pbx;
    private ProducerTemplate producer;
    private int amiPort;
    /** How long the event line holds back the first connect's check (a loaded machine); zero: not at all. */
    private Duration firstConnectLate = Duration.ZERO;

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

    /** pbx-sim at 1/100 speed with alice's phone and the customer; the desk's dialer logged in to it. */
    private void start(DatabaseSettings settings, ConsultantPersona alice, CallerPersona customer,
                       AmiSettings dialerSettings) throws Exception {
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
        consultants = desk.consultants();
        queue = desk.queue();
        CamelContext camel = new DefaultCamelContext();
        if (!firstConnectLate.isZero()) {
            AtomicBoolean held = new AtomicBoolean();
            camel.getCamelContextExtension().addInterceptStrategy((InterceptStrategy) (context, node, target, next) ->
                    (Processor) exchange -> {
                        if (exchange.getIn().getBody() instanceof ConnectEvent && held.compareAndSet(false, true)) {
                            Thread.sleep(firstConnectLate.toMillis());
                        }
                        target.process(exchange);
                    });
        }
        camel.start();
        toClose.add(camel::stop);
        CallbackScheduler scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults()
                .withInstanceId("dial-faults-test").withThreadCount(2), new RecordingAttemptFiring(db.dataSource()),
                desk.planning(), clock);
        toClose.add(scheduler);
        desk.planning().useScheduler(scheduler);
        dialer = new AmiDialer(dialerSettings.withServer("127.0.0.1", amiPort), camel, desk).start();
        toClose.add(dialer);
        producer = camel.createProducerTemplate();
        consultants.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("NAS"), "PJSIP/alice", false),
                Actor.supervisor("sam"), "hired");
        consultants.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        await().atMost(Duration.ofSeconds(15)).until(dialer::connected);
    }

    private static AmiSettings dialerSettings() {
        return AmiSettings.defaults().withPingInterval(Duration.ofMillis(500)).withResponseTimeout(Duration.ofSeconds(5))
                .withWatchdog(Duration.ofSeconds(120), Duration.ofMillis(200)).withSurveyGrace(Duration.ofSeconds(1));
    }

    /** A callback alice has claimed, its attempt fired with a window two hours long. */
    private long claimed() {
        Callback c = store.intakes().record(new NewCallback("1795000000.81", "PJSIP/trunk-9", CUSTOMER, CUSTOMER,
                NumberSource.CALLER_ID, "en", "NAS", "CANNOT_CONNECT", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED,
                clock.instant()), Actor.system("test")).callback();
        store.lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED, Actor.system("scheduler"),
                "attempt fired (test)");
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

    /** Until the attempt's outcome is recorded (the dial ends just before, in its own transaction). */
    private void awaitOutcome(long id) {
        // Generous: a crashed PBX is only found out after Asterisk-Java's re-connect, which waits longer
        // between tries the longer the PBX is gone; on a loaded machine this has taken over 20 s.
        await().atMost(Duration.ofSeconds(60)).until(() -> !dialOf(id).open()
                && desk.outcomes().attempts(id).stream().allMatch(a -> a.outcome() != null));
    }

    private List<ConsultantAuditEntry> alice(String action) {
        return consultants.history("alice").stream().filter(e -> action.equals(e.action())).toList();
    }

    private List<DeskKpis.DialFaults> dialFaults() {
        return desk.kpis().dialFaultsByConsultant(clock.instant().minus(Duration.ofHours(1)),
                clock.instant().plus(Duration.ofHours(1)));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aConsultantWhoHangsUpWhileTheCallerRingsBurnsNoAttemptAndTheCallbackGoesBackToTheQueue(
            DatabaseSettings settings) throws Exception {
        start(settings, ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1))
                        .hangsUpWhileCustomerRings(Duration.ofSeconds(5)),
                CallerPersona.named("mei").noAnswer().build(), dialerSettings());
        long id = claimed();
        Callback before = store.find(id).orElseThrow();

        assertThat(dial(id).accepted()).isTrue();

        awaitOutcome(id);
        assertThat(pbx.originatedCalls()).singleElement().satisfies(c -> assertThat(c.dialStatus()).isEqualTo("CANCEL"));
        assertThat(dialOf(id).endReason()).isEqualTo("CONSULTANT_CANCELLED");
        Callback after = store.find(id).orElseThrow();
        assertThat(after.state()).as("straight back to the queue").isEqualTo(CallbackState.QUEUED);
        assertThat(after.plannedAt()).as("due as before").isEqualTo(before.plannedAt());
        assertThat(desk.outcomes().attempts(id)).extracting(Attempt::outcome).containsExactly("CONSULTANT_CANCELLED");
        assertThat(desk.planning().attempts(id)).as("no attempt on the caller").isEmpty();
        assertThat(store.history(id)).extracting(AuditEntry::why).anySatisfy(w -> assertThat(w)
                .isEqualTo("outcome CONSULTANT_CANCELLED"));
        // Against alice: in her audit and her figures, but she was at her phone — not AWAY.
        assertThat(consultants.find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(alice("STATE")).extracting(ConsultantAuditEntry::detail).noneMatch(d -> d.endsWith("AWAY"));
        assertThat(alice(ConsultantDirectory.DIAL_FAULT)).singleElement().satisfies(e -> {
            assertThat(e.why()).startsWith("Consultant hung up while the caller's phone rang (callback " + id);
            assertThat(e.detail()).isEqualTo("outcome: CONSULTANT_CANCELLED");
        });
        assertThat(dialFaults()).containsExactly(new DeskKpis.DialFaults("alice", 0, 1));
        // The same callback is offered again.
        assertThat(queue.claimNext("alice").orElseThrow().callbackId()).isEqualTo(id);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aPbxRestartWhileTheConsultantsPhoneRingsIsPbxRestartAndNobodyIsSetAway(DatabaseSettings settings)
            throws Exception {
        start(settings, ConsultantPersona.endpoint("alice").noAnswer(), CallerPersona.named("mei").noAnswer().build(),
                dialerSettings());
        pbx.restartWhileNextConsultantsRing(1);
        long id = claimed();

        assertThat(dial(id).accepted()).isTrue();

        awaitOutcome(id);
        assertThat(dialOf(id).endReason()).isEqualTo("PBX_RESTART");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.QUEUED);
        assertThat(desk.outcomes().attempts(id)).extracting(Attempt::outcomeCode).containsExactly(OutcomeCode.PBX_RESTART);
        assertThat(desk.planning().attempts(id)).as("no attempt on the caller").isEmpty();
        assertThat(consultants.find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(alice("STATE")).extracting(ConsultantAuditEntry::detail).noneMatch(d -> d.endsWith("AWAY"));
        assertThat(alice(ConsultantDirectory.DIAL_FAULT)).isEmpty();
        assertThat(dialFaults()).isEmpty();
        // The dialer is back on the restarted PBX, and the restart grace passing changes nothing.
        await().atMost(Duration.ofSeconds(15)).until(dialer::connected);
        Thread.sleep(AmiSettings.defaults().restartGrace().toMillis() + 500);
        assertThat(desk.outcomes().attempts(id)).extracting(Attempt::outcomeCode).containsExactly(OutcomeCode.PBX_RESTART);
        assertThat(consultants.find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aPbxKilledAndStartedAgainWhileTheConsultantsPhoneRingsIsFoundOutAfterTheReconnect(DatabaseSettings settings)
            throws Exception {
        // No event at all: only the PBX's new startup time (CoreStatus) after the re-connect tells.
        // Without it the dial would wait for the watchdog's result deadline, two minutes away.
        start(settings, ConsultantPersona.endpoint("alice").noAnswer(), CallerPersona.named("mei").noAnswer().build(),
                dialerSettings());
        pbx.crashWhileNextConsultantsRing(1);
        long id = claimed();

        assertThat(dial(id).accepted()).isTrue();

        awaitOutcome(id);
        assertThat(dialOf(id).endReason()).isEqualTo("PBX_RESTART");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.QUEUED);
        assertThat(desk.planning().attempts(id)).as("no attempt on the caller").isEmpty();
        assertThat(consultants.find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(alice("STATE")).extracting(ConsultantAuditEntry::detail).noneMatch(d -> d.endsWith("AWAY"));
        assertThat(dialFaults()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aPbxKilledIsFoundOutEvenWhenTheFirstConnectsCheckRanLate(DatabaseSettings settings) throws Exception {
        // On a loaded machine the first connect's CoreStatus ran after the crash and the re-connect: it
        // took the new PBX's startup as the one before, and the restart went unnoticed.
        firstConnectLate = Duration.ofMillis(1500);
        start(settings, ConsultantPersona.endpoint("alice").noAnswer(), CallerPersona.named("mei").noAnswer().build(),
                dialerSettings());
        pbx.crashWhileNextConsultantsRing(1);
        long id = claimed();

        assertThat(dial(id).accepted()).isTrue();

        awaitOutcome(id);
        assertThat(dialOf(id).endReason()).isEqualTo("PBX_RESTART");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.QUEUED);
        assertThat(desk.planning().attempts(id)).as("no attempt on the caller").isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theCustomersLegShowsTheConfiguredCallerIdOfTheCallbacksCategory(DatabaseSettings settings) throws Exception {
        start(settings, ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)),
                CallerPersona.named("mei").noAnswer().build(), dialerSettings().withCallerId(
                        "\"Callback Desk\" <+886221234567>", Map.of("CANNOT_CONNECT", "\"Connection Help\" <+886221234599>")));
        ManagerConnection watcher = new ManagerConnectionFactory("127.0.0.1", amiPort, "callbackdesk",
                "change-me-callbackdesk").createManagerConnection();
        watcher.addEventListener(seen::add);
        watcher.login();
        toClose.add(watcher::logoff);
        long id = claimed();

        assertThat(dial(id).accepted()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> seen.stream().anyMatch(e -> e instanceof DialBeginEvent b
                && b.getDestChannel() != null && b.getDestChannel().startsWith("PJSIP/trunk-")));
        DialBeginEvent toCustomer = seen.stream().filter(e -> e instanceof DialBeginEvent b && b.getDestChannel() != null
                && b.getDestChannel().startsWith("PJSIP/trunk-")).map(DialBeginEvent.class::cast).findFirst().orElseThrow();
        assertThat(toCustomer.getDestConnectedLineNum()).isEqualTo("+886221234599");
        assertThat(toCustomer.getDestConnectedLineName()).isEqualTo("Connection Help");
        // Generous: a crashed PBX is only found out after Asterisk-Java's re-connect, which waits longer
        // between tries the longer the PBX is gone; on a loaded machine this has taken over 20 s.
        await().atMost(Duration.ofSeconds(60)).until(() -> !dialOf(id).open());
        assertThat(dialOf(id).endReason()).isEqualTo("NO_ANSWER");
    }
}
