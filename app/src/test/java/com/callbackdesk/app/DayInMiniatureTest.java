package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.consultant.ConsultantAuditEntry;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.AmiServer;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.ConsultantPersona;
import com.callbackdesk.pbxsim.OriginatedCall;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.queue.Attempt;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.routes.dialer.DialResult;
import com.callbackdesk.routes.dialer.DialTracking;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.scheduling.RecordingAttemptFiring;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static com.callbackdesk.pbxsim.CallerPersona.press;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A day in miniature through the running app, over the real protocols on both databases: a
 * caller's intake over FastAGI (pbx-sim running the real [inbound]) is committed and planned;
 * Quartz fires the attempt; a consultant claims it (the Java domain services the REST API also
 * calls); {@code direct:dial} checks it is still wanted and sends one async Originate over AMI
 * (Asterisk-Java against pbx-sim); pbx-sim rings the consultant, runs the real [callback] and
 * dials the caller; the AMI events on {@code seda:ami-events} move the callback on; after the
 * conversation the survey stores the score; the consultant records the outcome and the callback
 * closes. Every state, the audit trail, and each way it can go wrong.
 */
class DayInMiniatureTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final String CUSTOMER = "+886223456789";
    /** Tuesday 10:00 in Taipei, running at real speed: behind real time, so Quartz fires due attempts at once. */
    private static final Instant OFFICE_MORNING = Instant.parse("2026-11-24T02:00:00Z");
    private static final Actor SAM = Actor.supervisor("sam");

    private final Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), OFFICE_MORNING));
    private CallbackDesk desk;
    private SimulatedPbx pbx;

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.close();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    private void start(DatabaseSettings db) throws Exception {
        start(db, 0);
    }

    /** @param timeScale pbx-sim's: 0 = calls take no real time, 0.05 = 20 times faster than real */
    private void start(DatabaseSettings db, double timeScale) throws Exception {
        int fastAgi = HttpSettings.freePort();
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults().withTimeScale(timeScale)
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + fastAgi)));
        AmiServer ami = pbx.startAmi(0);
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = fastAgi;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();   // never a fixed port in tests
        config.scheduling.misfireThresholdSeconds = 1;   // the desk's clock is behind: every due attempt is "late"
        config.ami.port = ami.port();
        config.ami.responseTimeoutSeconds = 2;
        config.ami.pingIntervalSeconds = 1;
        config.ami.resultTimeoutSeconds = 3;
        config.ami.watchdogIntervalSeconds = 1;
        config.ami.surveyGraceSeconds = 1;
        desk = CallbackDesk.start(config, clock);
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.dialer().orElseThrow().connected());
    }

    private void consultant(String login) {
        desk.consultants().add(new ConsultantProfile(login, login.toUpperCase(), "IN_HOUSE", Set.of("ROUTER"),
                "PJSIP/" + login, false), SAM, "hired");
        desk.consultants().setState(login, ConsultantState.AVAILABLE, Actor.consultant(login), "logged in");
    }

    /** Intake over FastAGI: 中文, this number, router, cannot connect, normal, until the office closes. */
    private long intake() {
        CallRecord call = pbx.call(CallerPersona.named("mei").callerId(CUSTOMER).callerIdName("Mei")
                .press("2").press("1").press("1").press("1").press("1").press("*").build());
        String id = call.finalVariables().get("CALLBACK_ID");
        assertThat(id).as("intake committed a callback").isNotNull();
        return Long.parseLong(id);
    }

    /** Quartz fires the planned attempt (its time has come on the desk's clock): QUEUED, fired_attempt recorded. */
    private void awaitQueued(long id) {
        await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == CallbackState.QUEUED);
    }

    private CallbackState state(long id) {
        return desk.store().find(id).orElseThrow().state();
    }

    private long claim(String login) {
        return desk.queue().claimNext(login).orElseThrow().callbackId();
    }

    private List<CallbackState> states(long id) {
        return desk.store().history(id).stream().map(AuditEntry::newState).toList();
    }

    private List<OriginatedCall> callsOf(long id) {
        return pbx.originatedCalls().stream().filter(c -> Long.toString(id).equals(c.callbackId())).toList();
    }

    /** The calls placed for this callback, once pbx-sim has finished {@code n} of them (it lists a call when it ends). */
    private List<OriginatedCall> callsOf(long id, int n) {
        await().atMost(Duration.ofSeconds(20)).until(() -> callsOf(id).size() >= n);
        return callsOf(id);
    }

    private Attempt lastAttempt(long id) {
        List<Attempt> all = desk.outcomes().attempts(id);
        return all.get(all.size() - 1);
    }

    private List<ConsultantState> consultantStates(String login) {
        return desk.consultants().history(login).stream().filter(e -> "STATE".equals(e.action()))
                .map(ConsultantAuditEntry::detail).map(d -> ConsultantState.valueOf(d.substring(d.lastIndexOf(' ') + 1)))
                .toList();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void intakeToClosedOverFastAgiQuartzAndAmi(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofMinutes(4)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(5)).then(press("5"), press("#")).build());

        long id = intake();
        awaitQueued(id);
        assertThat(RecordingAttemptFiring.latestWindow(desk.database().dataSource(), id)).isPresent();
        assertThat(claim("alice")).isEqualTo(id);

        DialResult dialled = desk.dial(id, "alice");
        assertThat(dialled.accepted()).as(String.valueOf(dialled.reason())).isTrue();
        assertThat(dialled.actionId()).isEqualTo("cb-" + id + "-1");

        // The conversation, then the consultant hangs up (AVAILABLE again) and the customer takes the survey.
        await().atMost(Duration.ofSeconds(20)).until(() -> !desk.surveys().forCallback(id).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.dialer().orElseThrow().dials().ofCallback(id).stream()
                .noneMatch(DialTracking.Dial::open));
        assertThat(state(id)).as("in conversation until the consultant records the outcome").isEqualTo(CallbackState.CONNECTED);
        assertThat(desk.consultants().find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(consultantStates("alice")).containsSubsequence(ConsultantState.ON_CALL, ConsultantState.AVAILABLE);
        assertThat(desk.surveys().forCallback(id)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(SurveyState.COMPLETED);
            assertThat(r.score()).isEqualTo(5);
            assertThat(r.consultant()).isEqualTo("alice");
        });

        await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3))
                .until(() -> desk.surveys().forCallback(id).size() == 1);   // the dialer's survey check adds nothing
        desk.outcomes().record(id, Actor.consultant("alice"), Outcome.resolved(), "router reset, works again");

        assertThat(state(id)).isEqualTo(CallbackState.RESOLVED);
        assertThat(states(id)).containsExactly(CallbackState.PENDING, CallbackState.SCHEDULED, CallbackState.QUEUED,
                CallbackState.CLAIMED, CallbackState.DIALING, CallbackState.CONNECTED, CallbackState.RESOLVED);
        assertThat(desk.store().history(id)).extracting(e -> e.actor().toString()).containsSubsequence(
                "system:retry-planner", "system:scheduler", "consultant:alice", "consultant:alice", "system:dialer",
                "consultant:alice");
        Attempt attempt = lastAttempt(id);
        assertThat(attempt.outcomeCode()).isEqualTo(OutcomeCode.RESOLVED);
        assertThat(attempt.consultant()).isEqualTo("alice");
        assertThat(attempt.answeredAt()).isNotNull();
        assertThat(attempt.callerCall()).as("the caller leg's uniqueid, from DialEnd").isNotBlank();
        assertThat(desk.dialer().orElseThrow().dials().ofCallback(id)).singleElement().satisfies(d -> {
            assertThat(d.actionId()).isEqualTo(dialled.actionId());
            assertThat(d.consultantCall()).isNotBlank();
            assertThat(d.endReason()).startsWith("HANGUP after conversation");
        });
        assertThat(callsOf(id, 1)).singleElement().satisfies(c -> {
            assertThat(c.dialStatus()).isEqualTo("ANSWER");
            assertThat(c.surveyed()).isTrue();
            assertThat(c.actionId()).endsWith(dialled.actionId());
        });
        assertThat(desk.surveys().countAnsweredWithoutSurvey()).isZero();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aConversationLongerThanTheResultTimeoutIsNotCutShort(DatabaseSettings db) throws Exception {
        start(db, 0.05);   // the 2-minute conversation takes 6 s: longer than the 3 s result timeout
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofMinutes(2)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(3)).then(press("4"), press("#")).build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);
        assertThat(desk.dial(id, "alice").accepted()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> state(id) == CallbackState.CONNECTED);

        // The watchdog runs every second past the dial's due time while they talk: it must leave the call alone.
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(5))
                .until(() -> desk.dialer().orElseThrow().dials().ofCallback(id).get(0).open());
        assertThat(desk.consultants().find("alice").orElseThrow().state()).isEqualTo(ConsultantState.ON_CALL);

        await().atMost(Duration.ofSeconds(20)).until(() -> !desk.surveys().forCallback(id).isEmpty()
                && desk.dialer().orElseThrow().dials().ofCallback(id).stream().noneMatch(DialTracking.Dial::open));
        assertThat(desk.consultants().find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(desk.dialer().orElseThrow().dials().ofCallback(id)).singleElement()
                .satisfies(d -> assertThat(d.endReason()).startsWith("HANGUP after conversation"));
        assertThat(state(id)).isEqualTo(CallbackState.CONNECTED);
        assertThat(desk.outcomes().attempts(id)).singleElement()
                .satisfies(a -> assertThat(a.outcome()).as("still running: the consultant records it").isNull());
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aConsultantWhoDoesNotAnswerGivesTheCallbackBackForAnother(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        consultant("bob");
        pbx.consultant(ConsultantPersona.endpoint("alice").noAnswer());
        pbx.consultant(ConsultantPersona.endpoint("bob").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofMinutes(2)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(3)).then(press("4"), press("#")).build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);

        assertThat(desk.dial(id, "alice").accepted()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == CallbackState.QUEUED);
        assertThat(lastAttempt(id).outcomeCode()).isEqualTo(OutcomeCode.CONSULTANT_NO_ANSWER);
        // Autopaused right after the outcome commits (OutcomeRecorder's rule), so not offered the next one.
        await().atMost(Duration.ofSeconds(5)).until(() -> desk.consultants().find("alice").orElseThrow().state()
                == ConsultantState.AWAY);
        assertThat(callsOf(id, 1)).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo(3));

        assertThat(claim("bob")).isEqualTo(id);
        assertThat(desk.dial(id, "bob").accepted()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> !desk.surveys().forCallback(id).isEmpty());
        await().atMost(Duration.ofSeconds(10)).until(() -> state(id) == CallbackState.CONNECTED);
        desk.outcomes().record(id, Actor.consultant("bob"), Outcome.resolved(), null);

        assertThat(states(id)).containsExactly(CallbackState.PENDING, CallbackState.SCHEDULED, CallbackState.QUEUED,
                CallbackState.CLAIMED, CallbackState.DIALING, CallbackState.QUEUED, CallbackState.CLAIMED,
                CallbackState.DIALING, CallbackState.CONNECTED, CallbackState.RESOLVED);
        assertThat(desk.outcomes().attempts(id)).extracting(Attempt::consultant, Attempt::outcomeCode)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("alice", OutcomeCode.CONSULTANT_NO_ANSWER),
                        org.assertj.core.groups.Tuple.tuple("bob", OutcomeCode.RESOLVED));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aBusyCallerGetsThePlannersNextAttempt(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei on the phone").busy().build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);

        assertThat(desk.dial(id, "alice").accepted()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> lastAttempt(id).outcomeCode() == OutcomeCode.BUSY
                && Set.of(CallbackState.SCHEDULED, CallbackState.QUEUED).contains(state(id)));
        assertThat(states(id)).containsSubsequence(CallbackState.DIALING, CallbackState.PENDING, CallbackState.SCHEDULED);
        Callback after = desk.store().find(id).orElseThrow();
        assertThat(after.plannedAt()).as("the default policy's busy rule: retry after 15 minutes")
                .isAfterOrEqualTo(lastAttempt(id).startedAt().plus(Duration.ofMinutes(15)));
        assertThat(desk.consultants().find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(callsOf(id, 1)).singleElement().satisfies(c -> assertThat(c.dialStatus()).isEqualTo("BUSY"));
        assertThat(desk.store().history(id)).anySatisfy(e -> {
            assertThat(e.newState()).isEqualTo(CallbackState.PENDING);
            assertThat(e.actor()).isEqualTo(Actor.system("dialer"));
            assertThat(e.why()).contains("BUSY");
        });
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anUnansweredOrCongestedLineIsRecordedAsSuchAndReplanned(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei away from her phone").noAnswer().build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);
        assertThat(desk.dial(id, "alice").accepted()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> lastAttempt(id).outcomeCode() == OutcomeCode.NO_ANSWER
                && Set.of(CallbackState.SCHEDULED, CallbackState.QUEUED).contains(state(id)));
        assertThat(callsOf(id, 1)).singleElement().satisfies(c -> assertThat(c.dialStatus()).isEqualTo("NOANSWER"));

        // Its next attempt fires; this time the network cannot reach the caller.
        pbx.callee(CUSTOMER, CallerPersona.named("mei's line down").congestion().build());
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);
        assertThat(desk.dial(id, "alice").accepted()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> lastAttempt(id).outcomeCode() == OutcomeCode.CONGESTION
                && Set.of(CallbackState.SCHEDULED, CallbackState.QUEUED).contains(state(id)));

        assertThat(desk.outcomes().attempts(id)).extracting(Attempt::outcomeCode)
                .containsExactly(OutcomeCode.NO_ANSWER, OutcomeCode.CONGESTION);
        assertThat(callsOf(id, 2)).extracting(OriginatedCall::dialStatus).containsExactly("NOANSWER", "CONGESTION");
        assertThat(states(id)).containsSubsequence(CallbackState.DIALING, CallbackState.PENDING, CallbackState.SCHEDULED,
                CallbackState.QUEUED, CallbackState.CLAIMED, CallbackState.DIALING, CallbackState.PENDING,
                CallbackState.SCHEDULED);
        assertThat(desk.consultants().find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anUnreachableConsultantPhoneGivesTheCallbackBack(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").unreachable());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);

        assertThat(desk.dial(id, "alice").accepted()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> state(id) == CallbackState.QUEUED);
        assertThat(lastAttempt(id).outcomeCode()).isEqualTo(OutcomeCode.CONSULTANT_NO_ANSWER);
        assertThat(callsOf(id, 1)).singleElement().satisfies(c -> assertThat(c.reason()).isEqualTo(8));
        assertThat(desk.dialer().orElseThrow().dials().ofCallback(id)).singleElement()
                .satisfies(d -> assertThat(d.originateReason()).isEqualTo(8));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallerGoneForTheDayIsPlannedForTheNextMorning(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofMinutes(2)));
        pbx.callee(CUSTOMER, CallerPersona.named("a colleague of mei").answersAfter(Duration.ofSeconds(4)).leftForTheDay().build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);

        assertThat(desk.dial(id, "alice").accepted()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> callsOf(id).size() == 1);
        await().atMost(Duration.ofSeconds(10)).until(() -> desk.dialer().orElseThrow().dials().ofCallback(id).stream()
                .noneMatch(DialTracking.Dial::open));
        assertThat(state(id)).isEqualTo(CallbackState.CONNECTED);
        assertThat(callsOf(id).get(0).customerOutcome()).isEqualTo("left-for-the-day");
        assertThat(callsOf(id).get(0).surveyed()).as("the colleague hung up: no survey").isFalse();

        desk.outcomes().record(id, Actor.consultant("alice"), Outcome.of(OutcomeCode.LEFT_FOR_THE_DAY), "gone home at 9:30");

        assertThat(states(id)).containsSubsequence(CallbackState.DIALING, CallbackState.CONNECTED, CallbackState.PENDING,
                CallbackState.SCHEDULED);
        AuditEntry replanned = desk.store().history(id).stream()
                .filter(e -> e.newState() == CallbackState.SCHEDULED).reduce((a, b) -> b).orElseThrow();
        assertThat(replanned.why()).as("next business morning, 09:00 office time (Taipei)").contains("at Wed 25 Nov 09:00");
        assertThat(lastAttempt(id).outcomeCode()).isEqualTo(OutcomeCode.LEFT_FOR_THE_DAY);
        assertThat(desk.consultants().find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AVAILABLE);
        assertThat(desk.surveys().forCallback(id)).as("the colleague hung up first: F() never ran").singleElement()
                .satisfies(r -> {
                    assertThat(r.state()).isEqualTo(SurveyState.NOT_REACHED);
                    assertThat(r.callId()).isEqualTo(lastAttempt(id).callerCall());
                });
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallerWhoHangsUpBeforeTheSurveyIsRecordedAsNotReached(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofMinutes(2)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei in a hurry").answersAfter(Duration.ofSeconds(3)).hangsUpBeforeSurvey().build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);

        assertThat(desk.dial(id, "alice").accepted()).isTrue();

        await().atMost(Duration.ofSeconds(20)).until(() -> !desk.surveys().forCallback(id).isEmpty());
        assertThat(callsOf(id, 1)).singleElement().satisfies(c -> {
            assertThat(c.dialStatus()).isEqualTo("ANSWER");
            assertThat(c.surveyed()).isFalse();
        });
        assertThat(desk.surveys().forCallback(id)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(SurveyState.NOT_REACHED);
            assertThat(r.consultant()).isEqualTo("alice");
            assertThat(r.callId()).isEqualTo(lastAttempt(id).callerCall());
        });
        desk.outcomes().record(id, Actor.consultant("alice"), Outcome.resolved(), null);
        assertThat(states(id)).endsWith(CallbackState.DIALING, CallbackState.CONNECTED, CallbackState.RESOLVED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anAmiDropMidOriginateIsNeitherResentNorLost(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofMinutes(2)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(3)).then(press("3"), press("#")).build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);
        pbx.dropAmiOnNextOriginates(1);

        DialResult lost = desk.dial(id, "alice");

        assertThat(lost.accepted()).isFalse();
        assertThat(lost.reason()).contains("AMI connection was lost", "not re-sent");
        assertThat(pbx.droppedOriginates()).isEqualTo(1);
        // The dialer reconnects; the watchdog ends the result-less attempt INTERRUPTED and the planner plans again.
        await().atMost(Duration.ofSeconds(20)).until(() -> desk.dialer().orElseThrow().connected()
                && lastAttempt(id).outcomeCode() == OutcomeCode.INTERRUPTED
                && Set.of(CallbackState.SCHEDULED, CallbackState.QUEUED).contains(state(id)));
        assertThat(callsOf(id)).as("never re-sent: no call placed for the lost Originate").isEmpty();
        assertThat(desk.dialer().orElseThrow().dials().ofCallback(id)).singleElement()
                .satisfies(d -> assertThat(d.endReason()).isEqualTo("INTERRUPTED"));
        assertThat(desk.store().history(id)).anySatisfy(e -> {
            assertThat(e.newState()).isEqualTo(CallbackState.PENDING);
            assertThat(e.actor()).isEqualTo(Actor.system("dialer-watchdog"));
            assertThat(e.why()).contains("INTERRUPTED");
        });

        // Not lost: its next attempt fires and is dialled once, over the re-established connection.
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);
        DialResult again = desk.dial(id, "alice");
        assertThat(again.accepted()).as(String.valueOf(again.reason())).isTrue();
        assertThat(again.actionId()).isEqualTo("cb-" + id + "-2");
        await().atMost(Duration.ofSeconds(20)).until(() -> !desk.surveys().forCallback(id).isEmpty());
        assertThat(callsOf(id, 1)).hasSize(1);
        assertThat(states(id)).containsSubsequence(CallbackState.DIALING, CallbackState.PENDING, CallbackState.SCHEDULED,
                CallbackState.QUEUED, CallbackState.CLAIMED, CallbackState.DIALING, CallbackState.CONNECTED);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anOriginateAsteriskQueuedBeforeTheDropIsNotSentAgain(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei away").noAnswer().build());
        long id = intake();
        awaitQueued(id);
        assertThat(claim("alice")).isEqualTo(id);
        pbx.dropAmiAfterQueueingNextOriginates(1);

        DialResult lost = desk.dial(id, "alice");

        assertThat(lost.accepted()).isFalse();
        assertThat(lost.reason()).contains("not re-sent");
        // The call happened on the PBX; whether the dialer saw its events (reconnected in time) or
        // not (the watchdog: INTERRUPTED), the attempt ends, is re-planned, and was placed once.
        await().atMost(Duration.ofSeconds(20)).until(() -> desk.dialer().orElseThrow().connected()
                && lastAttempt(id).outcomeCode() != null
                && Set.of(CallbackState.SCHEDULED, CallbackState.QUEUED).contains(state(id)));
        assertThat(lastAttempt(id).outcomeCode()).isIn(OutcomeCode.INTERRUPTED, OutcomeCode.NO_ANSWER);
        assertThat(desk.outcomes().attempts(id)).hasSize(1);
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> callsOf(id).size() == 1);
        assertThat(pbx.droppedOriginates()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallerWhoCancelsBetweenFiringAndDialingIsNotDialled(DatabaseSettings db) throws Exception {
        start(db);
        consultant("alice");
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)));
        long id = intake();
        awaitQueued(id);

        // Solved it: calls again, is recognised (中文 first) and presses 1 to cancel.
        CallRecord again = pbx.call(CallerPersona.named("mei again").callerId(CUSTOMER).callerIdName("Mei")
                .press("2").press("1").build());
        assertThat(again.finalVariables()).containsEntry("CALLBACK_ID", Long.toString(id));
        assertThat(state(id)).isEqualTo(CallbackState.CANCELLED);

        assertThat(desk.queue().claimNext("alice")).isEmpty();
        DialResult refused = desk.dial(id, "alice");

        assertThat(refused.accepted()).isFalse();
        assertThat(refused.reason()).contains("cancelled by the caller");
        assertThat(desk.dialer().orElseThrow().dials().ofCallback(id)).isEmpty();
        assertThat(desk.outcomes().attempts(id)).isEmpty();
        assertThat(states(id)).containsExactly(CallbackState.PENDING, CallbackState.SCHEDULED, CallbackState.QUEUED,
                CallbackState.CANCELLED);
        assertThat(pbx.originatedCalls()).isEmpty();
    }
}
