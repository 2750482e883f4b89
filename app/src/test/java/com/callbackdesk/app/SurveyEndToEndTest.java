package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.consultant.ConsultantDirectory;
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
import com.callbackdesk.queue.CallbackQueue;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.desk.outcome.Outcomes;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyState;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import static com.callbackdesk.pbxsim.CallerPersona.press;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The survey transfer through the running app: a caller's intake over FastAGI is committed; a consultant
 * claims it; the dialer's AMI Originate (Asterisk-Java against pbx-sim) runs the real [callback]
 * context; after the conversation Dial's F(survey^s^1) puts the customer into [survey], served by
 * the app's own {@code survey} script, and the score is stored against the callback and the
 * consultant, in the language the caller chose at intake. The answered-without-survey count stays 0.
 */
class SurveyEndToEndTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Taipei"));
    private static final String CUSTOMER = "+886223456789";

    private CallbackDesk desk;
    private SimulatedPbx pbx;
    private ManagerConnection dialer;

    @AfterEach
    void stop() {
        if (dialer != null) {
            dialer.logoff();
        }
        if (pbx != null) {
            pbx.close();
        }
        if (desk != null) {
            desk.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aCallbackAnsweredAfterIntakeEndsInTheSurveyWithTheScoreStored(DatabaseSettings db) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort(); // the API listener: never a fixed port in tests
        desk = CallbackDesk.start(config, CLOCK);
        assertThat(desk.fastAgiScripts()).contains("intake", "survey");
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + desk.fastAgiPort())));

        // The caller leaves a request: 中文, this number, router, cannot connect, normal, until the office closes.
        CallRecord intake = pbx.call(CallerPersona.named("mei").callerId(CUSTOMER).callerIdName("Mei")
                .press("2").press("1").press("1").press("1").press("1").press("*").build());
        long id = Long.parseLong(intake.finalVariables().get("CALLBACK_ID"));

        // Its attempt is due (Quartz may have fired it already: it runs on the real clock) and alice claims it.
        ConsultantDirectory consultants = desk.consultants();
        consultants.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice", false),
                Actor.supervisor("sam"), "hired");
        consultants.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            CallbackState state = desk.store().find(id).orElseThrow().state();
            if (state == CallbackState.SCHEDULED) {
                try {
                    desk.store().lifecycle().transition(id, CallbackState.SCHEDULED, CallbackState.QUEUED, Actor.system("scheduler"),
                            "attempt due (test)");
                } catch (RuntimeException raced) {
                    return false;   // Quartz queued it meanwhile
                }
            }
            return desk.store().find(id).orElseThrow().state() == CallbackState.QUEUED;
        });
        CallbackQueue queue = desk.queue();
        Outcomes outcomes = desk.outcomes();
        assertThat(queue.claimNext("alice").orElseThrow().callbackId()).isEqualTo(id);
        outcomes.startDialing(id, Actor.system("dialer"), null);

        // The dialer originates over AMI; the customer talks, then rates the call 5 and skips the reason.
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofMinutes(4)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(5)).then(press("5"), press("#")).build());
        AmiServer ami = pbx.startAmi(0);
        dialer = new ManagerConnectionFactory("127.0.0.1", ami.port(), "callbackdesk", "change-me-callbackdesk")
                .createManagerConnection();
        dialer.login();
        OriginateAction o = new OriginateAction();
        o.setChannel("PJSIP/alice");
        o.setContext("callback");
        o.setExten(CUSTOMER);
        o.setPriority(1);
        o.setTimeout(30_000L);
        o.setAsync(true);
        o.setVariables(Map.of("CALLBACK_ID", Long.toString(id), "CONSULTANT", "alice"));
        assertThat(dialer.sendAction(o, 10_000).getResponse()).isEqualTo("Success");
        await().atMost(Duration.ofSeconds(20)).until(() -> !pbx.originatedCalls().isEmpty());
        OriginatedCall call = pbx.originatedCalls().get(0);
        assertThat(call.dialStatus()).isEqualTo("ANSWER");
        outcomes.answered(id, Actor.system("dialer"), null);
        await().atMost(Duration.ofSeconds(10)).until(() -> !desk.surveys().forCallback(id).isEmpty());
        outcomes.record(id, Actor.consultant("alice"), Outcome.resolved(), null);

        assertThat(call.surveyed()).isTrue();
        // The callback leg's channel is the trunk's (en); the survey speaks the language chosen at intake.
        assertThat(call.surveyExchanges()).filteredOn(e -> e.command().startsWith("GET DATA"))
                .isNotEmpty().allMatch(e -> e.command().contains("callback-desk/zh-TW/survey-"));
        assertThat(desk.surveys().forCallback(id)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(SurveyState.COMPLETED);
            assertThat(r.score()).isEqualTo(5);
            assertThat(r.reasonCode()).isNull();
            assertThat(r.consultant()).isEqualTo("alice");
        });
        assertThat(desk.surveys().countAnsweredWithoutSurvey()).isZero();
    }
}
