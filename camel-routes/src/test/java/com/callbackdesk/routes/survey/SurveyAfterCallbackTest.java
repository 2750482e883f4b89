package com.callbackdesk.routes.survey;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.ivr.prompts.PromptCatalogue;
import com.callbackdesk.ivr.server.IvrServer;
import com.callbackdesk.ivr.server.IvrSettings;
import com.callbackdesk.ivr.survey.SurveyScript;
import com.callbackdesk.ivr.survey.SurveySettings;
import com.callbackdesk.pbxsim.AmiServer;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.ConsultantPersona;
import com.callbackdesk.pbxsim.OriginatedCall;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyState;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static com.callbackdesk.pbxsim.CallerPersona.hangsUp;
import static com.callbackdesk.pbxsim.CallerPersona.press;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The survey transfer after a callback, end to end over the real protocols: the dialer's side (Asterisk-Java's
 * ManagerConnection, logged in to pbx-sim's AMI as manager.conf's {@code callbackdesk}) originates
 * a claimed callback with CALLBACK_ID and CONSULTANT; pbx-sim runs the real extensions.conf
 * ({@code [callback]}: {@code Set(__CALLBACK_ID)}, {@code Set(__CONSULTANT)},
 * {@code Dial(...,F(survey^s^1))}); when the consultant hangs up the customer lands in
 * {@code [survey]}, whose {@code AGI(${FASTAGI}/survey)} reaches our FastAGI server running
 * {@link SurveyScript}, which stores the result through {@link CamelSurveyDesk} and
 * {@code direct:survey-result}. An answered callback ends with a survey record: the
 * "answered without survey" count stays 0.
 */
class SurveyAfterCallbackTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static final String SECRET = "change-me-callbackdesk";   // asterisk-config's manager.conf

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
    private SurveyDeskFixture desk;
    private SimulatedPbx pbx;
    private ManagerConnection dialer;

    @AfterEach
    void stop() throws Exception {
        if (dialer != null) {
            dialer.logoff();
        }
        for (int i = toClose.size() - 1; i >= 0; i--) {
            toClose.get(i).close();
        }
    }

    private void start(DatabaseSettings settings) throws Exception {
        desk = new SurveyDeskFixture(settings);
        toClose.add(desk);
        IvrServer ivr = new IvrServer(IvrSettings.defaults().withPort(0).withPool(2, 16))
                .register("survey", new SurveyScript(desk.desk, PromptCatalogue.loadDefault(),
                        SurveySettings.defaults().withClock(desk.clock)))
                .start();
        toClose.add(ivr);
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + ivr.port())));
        toClose.add(pbx);
        AmiServer ami = pbx.startAmi(0);
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofMinutes(3)));
        dialer = new ManagerConnectionFactory("127.0.0.1", ami.port(), "callbackdesk", SECRET).createManagerConnection();
        dialer.addEventListener(events::add);
        dialer.login();
    }

    /** What the dialer does for a claimed callback: DIALING, then Originate to the consultant's phone. */
    private OriginatedCall callBack(long callbackId, String consultant, String number) throws Exception {
        OriginateAction o = new OriginateAction();
        o.setActionId("cb-" + callbackId);
        o.setChannel("PJSIP/" + consultant);
        o.setContext("callback");
        o.setExten(number);
        o.setPriority(1);
        o.setCallerId("Callback Desk <100>");
        o.setTimeout(30_000L);
        o.setAsync(true);
        o.setVariables(Map.of("CALLBACK_ID", Long.toString(callbackId), "CONSULTANT", consultant));
        ManagerResponse queued = dialer.sendAction(o, 10_000);
        assertThat(queued.getResponse()).isEqualTo("Success");
        String id = Long.toString(callbackId);
        await().atMost(Duration.ofSeconds(20)).until(() -> pbx.originatedCalls().stream().anyMatch(c -> id.equals(c.callbackId())));
        OriginatedCall call = pbx.originatedCalls().stream().filter(c -> id.equals(c.callbackId())).findFirst().orElseThrow();
        // The customer's leg answered (DialEnd ANSWER on the trunk channel): the dialer records the conversation.
        await().until(() -> events.stream().anyMatch(e -> e instanceof DialEndEvent d
                && call.customerChannel() != null && call.customerChannel().equals(d.getDestChannel())));
        DialEndEvent customerLeg = events.stream().filter(DialEndEvent.class::isInstance).map(DialEndEvent.class::cast)
                .filter(d -> call.customerChannel().equals(d.getDestChannel())).findFirst().orElseThrow();
        if ("ANSWER".equals(customerLeg.getDialStatus())) {
            desk.outcomes.answered(callbackId, SurveyDeskFixture.DIALER, customerLeg.getDestUniqueId());
        }
        return call;
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void anAnsweredCallbackEndsWithASurveyRecordAndNoneIsAnsweredWithoutSurvey(DatabaseSettings settings)
            throws Exception {
        start(settings);
        desk.consultant("alice");
        pbx.callee("+886212345678", CallerPersona.named("mei").answersAfter(Duration.ofSeconds(6))
                .then(press("4"), press("2")).build());
        long id = desk.claimedAndDialing("alice", "+886212345678");

        OriginatedCall call = callBack(id, "alice", "+886212345678");

        assertThat(call.surveyed()).isTrue();
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("callback,+886212345678,2 Set(__CALLBACK_ID="))
                .anyMatch(s -> s.startsWith("survey,s,2 AGI("));
        await().atMost(Duration.ofSeconds(10)).until(() -> !desk.surveys.forCallback(id).isEmpty());
        desk.outcomes.record(id, Actor.consultant("alice"), Outcome.resolved(), null);

        assertThat(desk.store.find(id).orElseThrow().state()).isEqualTo(CallbackState.RESOLVED);
        assertThat(desk.surveys.forCallback(id)).singleElement().satisfies(r -> {
            assertThat(r.state()).isEqualTo(SurveyState.COMPLETED);
            assertThat(r.score()).isEqualTo(4);
            assertThat(r.reasonCode()).isEqualTo("not-solved");
            assertThat(r.consultant()).isEqualTo("alice");
            assertThat(r.callId()).as("the customer's channel, where the survey ran").isNotBlank();
        });
        assertThat(call.surveyKeys()).containsExactly("4", "2");
        assertThat(desk.surveys.countAnsweredWithoutSurvey()).isZero();
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCustomerWhoHangsUpInTheSurveyIsRecordedAndTheCountStaysZero(DatabaseSettings settings) throws Exception {
        start(settings);
        desk.consultant("alice");
        pbx.callee("+886212345679", CallerPersona.named("in a hurry").answersAfter(Duration.ofSeconds(4))
                .then(hangsUp()).build());
        long id = desk.claimedAndDialing("alice", "+886212345679");

        OriginatedCall call = callBack(id, "alice", "+886212345679");

        assertThat(call.surveyed()).isTrue();
        await().atMost(Duration.ofSeconds(10)).until(() -> !desk.surveys.forCallback(id).isEmpty());
        desk.outcomes.record(id, Actor.consultant("alice"), Outcome.resolved(), null);
        assertThat(desk.surveys.forCallback(id)).singleElement()
                .satisfies(r -> assertThat(r.state()).isEqualTo(SurveyState.HUNG_UP_BEFORE_SCORING));
        assertThat(desk.surveys.countAnsweredWithoutSurvey()).isZero();
    }
}
