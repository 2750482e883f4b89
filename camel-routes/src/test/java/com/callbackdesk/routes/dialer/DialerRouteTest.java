package com.callbackdesk.routes.dialer;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.CallbackStore;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.planning.calendar.BusinessCalendar;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
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
import com.callbackdesk.survey.SurveyResults;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelExecutionException;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.impl.DefaultCamelContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
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
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * {@code direct:dial}'s refusals and the pre-dial check, on H2 and PostgreSQL: bad input named by
 * field, a callback the consultant does not hold, a window that passed (re-planned, not dialled),
 * and no AMI connection (nothing written, the claim stays). The dialling itself, over AMI through
 * pbx-sim, is the app's {@code DayInMiniatureTest}.
 */
class DialerRouteTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final Clock clock = Clock.systemUTC();
    private CallbackStore store;
    private ConsultantDirectory consultants;
    private CallbackQueue queue;
    private Outcomes recorder;
    private AmiDialer dialer;
    private Database db;
    private ProducerTemplate producer;

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

    private int amiPort;

    /** The desk with the dialer pointed at a port nobody listens on (yet): AMI does not connect. */
    private void start(DatabaseSettings settings) throws Exception {
        db = Database.open(settings.withPoolSize(12));
        toClose.add(db);
        Desk desk = Desk.open(db, new DeskSettings(RetryPolicy.defaults(), openNow(), Set.of(),
                DeskSettings.REPEAT_WITHIN_DAYS, 1_000), clock);
        store = desk.store();
        AttemptPlanning planning = desk.planning();
        consultants = desk.consultants();
        queue = desk.queue();
        recorder = desk.outcomes();
        CamelContext camel = new DefaultCamelContext();
        camel.start();
        toClose.add(camel::stop);
        CallbackScheduler scheduler = CallbackScheduler.create(db, SchedulerSettings.defaults().withInstanceId("dial-test")
                .withThreadCount(2), new RecordingAttemptFiring(db.dataSource()), planning, clock);
        toClose.add(scheduler);
        planning.useScheduler(scheduler);
        amiPort = FreePorts.any();
        AmiSettings ami = AmiSettings.defaults().withServer("127.0.0.1", amiPort)
                .withPingInterval(Duration.ofMillis(500));
        dialer = new AmiDialer(ami, camel, desk).start();
        toClose.add(dialer);
        producer = camel.createProducerTemplate();
        consultants.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("NAS"), "PJSIP/alice", false),
                Actor.supervisor("sam"), "hired");
        consultants.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
    }

    private DialResult dial(long id, String login) {
        return producer.requestBody(DialRequest.ENDPOINT, new DialRequest(id, login), DialResult.class);
    }

    /** A callback as the scheduler leaves it: QUEUED, its attempt fired with this window. */
    private Callback queued(String number, Instant windowLatest) {
        Callback c = store.intakes().record(new NewCallback("1795000000." + number.substring(number.length() - 2),
                "PJSIP/trunk-9", number, number, NumberSource.CALLER_ID, "en", "NAS", "CANNOT_CONNECT", Urgency.NORMAL,
                null, ScreenshotChoice.NOT_NEEDED, clock.instant()), Actor.system("test")).callback();
        store.lifecycle().transition(c.id(), CallbackState.PENDING, CallbackState.QUEUED, Actor.system("scheduler"), "attempt fired (test)");
        Instant now = clock.instant();
        new RecordingAttemptFiring(db.dataSource()).fired(new FiredAttempt(c.id(), 1, now.minus(Duration.ofHours(1)),
                now.minus(Duration.ofMinutes(30)), windowLatest, false, "test"));
        return store.find(c.id()).orElseThrow();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void badRequestsAreRefusedNamingTheField(DatabaseSettings settings) throws Exception {
        start(settings);

        assertThatThrownBy(() -> producer.requestBody(DialRequest.ENDPOINT, "42"))
                .isInstanceOf(CamelExecutionException.class)
                .rootCause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("direct:dial body");
        assertThat(dial(999_999, "alice").reason()).startsWith("callbackId: no callback 999999");
        long id = queued("+886212340001", clock.instant().plus(Duration.ofHours(2))).id();
        assertThat(dial(id, "nobody").reason()).startsWith("consultantLogin: no consultant 'nobody'");
        assertThatThrownBy(() -> new DialRequest(0, "alice")).hasMessageContaining("callbackId");
        assertThatThrownBy(() -> new DialRequest(1, " ")).hasMessageContaining("consultantLogin");
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallbackTheConsultantDoesNotHoldIsNotDialled(DatabaseSettings settings) throws Exception {
        start(settings);
        long id = queued("+886212340002", clock.instant().plus(Duration.ofHours(2))).id();

        DialResult r = dial(id, "alice");

        assertThat(r.accepted()).isFalse();
        assertThat(r.reason()).contains("does not hold callback " + id, "claim it from the queue first");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.QUEUED);
        assertThat(recorder.attempts(id)).isEmpty();
        assertThat(dialer.dials().ofCallback(id)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aPassedWindowIsReplannedInsteadOfDialled(DatabaseSettings settings) throws Exception {
        start(settings);
        long id = queued("+886212340003", clock.instant().minus(Duration.ofMinutes(1))).id();
        assertThat(queue.claimNext("alice").orElseThrow().callbackId()).isEqualTo(id);

        DialResult r = dial(id, "alice");

        assertThat(r.accepted()).isFalse();
        assertThat(r.reason()).contains("window ended", "re-planned (SCHEDULED for");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(store.history(id)).extracting(AuditEntry::newState).endsWith(CallbackState.CLAIMED,
                CallbackState.PENDING, CallbackState.SCHEDULED);
        assertThat(store.history(id)).anySatisfy(e -> assertThat(e.why()).isEqualTo("pre-dial check: WINDOW_PASSED"));
        assertThat(recorder.attempts(id)).as("nobody was dialled").isEmpty();
        assertThat(queue.currentClaim("alice")).as("the claim ended").isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void withoutAmiNothingIsDialledAndTheClaimStays(DatabaseSettings settings) throws Exception {
        start(settings);
        long id = queued("+886212340004", clock.instant().plus(Duration.ofHours(2))).id();
        assertThat(queue.claimNext("alice").orElseThrow().callbackId()).isEqualTo(id);

        DialResult r = dial(id, "alice");

        assertThat(dialer.connected()).isFalse();
        assertThat(r.accepted()).isFalse();
        assertThat(r.reason()).contains("is not connected", "stays claimed");
        assertThat(store.find(id).orElseThrow().state()).isEqualTo(CallbackState.CLAIMED);
        assertThat(recorder.attempts(id)).isEmpty();
        assertThat(dialer.dials().ofCallback(id)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSecondDialOfACallbackAlreadyBeingDialledIsRefused(DatabaseSettings settings) throws Exception {
        start(settings);
        SimulatedPbx pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults());
        toClose.add(pbx);
        pbx.consultant(com.callbackdesk.pbxsim.ConsultantPersona.endpoint("alice").noAnswer());
        pbx.startAmi(amiPort);
        await().atMost(Duration.ofSeconds(15)).until(dialer::connected);
        long id = queued("+886212340005", clock.instant().plus(Duration.ofHours(2))).id();
        assertThat(queue.claimNext("alice").orElseThrow().callbackId()).isEqualTo(id);
        recorder.startDialing(id, Actor.consultant("alice"), null);   // the first click's dial is under way

        DialResult again = dial(id, "alice");

        assertThat(again.accepted()).isFalse();
        assertThat(again.reason()).contains("no longer waiting to be dialled (DIALING)");
        assertThat(recorder.attempts(id)).hasSize(1);
        assertThat(dialer.dials().ofCallback(id)).isEmpty();
        assertThat(pbx.originatedCalls()).isEmpty();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aPbxThatComesUpLaterIsLoggedInToByThePing(DatabaseSettings settings) throws Exception {
        start(settings);
        assertThat(dialer.connected()).isFalse();

        SimulatedPbx pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults());
        toClose.add(pbx);
        pbx.startAmi(amiPort);

        await().atMost(Duration.ofSeconds(15)).until(dialer::connected);
    }

    @Test
    void settingsNameEveryBadField() {
        assertThatThrownBy(() -> new AmiSettings(" ", 0, "", "", Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), "PJSIP/alice", "x",
                Map.of("BILLING", "Billing 0800"), "", Duration.ofSeconds(1), Duration.ZERO, Duration.ZERO))
                .hasMessageContainingAll("host: required", "port: must be 1..65535", "username: required",
                        "secret: required", "pingInterval: must be a positive duration", "endpointPattern:",
                        "context: required", "reconcileInterval: must be a positive duration",
                        "callerId: must be \"Name\" <number>", "callerIdByCategory.BILLING: must be \"Name\" <number>",
                        "restartGrace: must be a positive duration");
        assertThat(AmiSettings.defaults().reconcileInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(AmiSettings.defaults().toString()).doesNotContain("change-me");
        assertThat(AmiSettings.defaults().withEndpointPattern("SIP/{login}").resultTimeout()).isEqualTo(Duration.ofSeconds(120));
    }
}
