package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.manager.AuthenticationFailedException;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ManagerConnectionState;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.ConnectEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.DisconnectEvent;
import org.asteriskjava.manager.event.BridgeEnterEvent;
import org.asteriskjava.manager.event.DialBeginEvent;
import org.asteriskjava.manager.event.DialEndEvent;
import org.asteriskjava.manager.event.DtmfEndEvent;
import org.asteriskjava.manager.event.HangupEvent;
import org.asteriskjava.manager.event.ManagerEvent;
import org.asteriskjava.manager.event.NewChannelEvent;
import org.asteriskjava.manager.event.NewStateEvent;
import org.asteriskjava.manager.event.OriginateResponseEvent;
import org.asteriskjava.manager.response.ManagerResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * The dialer's view of a callback: Asterisk-Java's own ManagerConnection logs in to pbx-sim's AMI
 * as the project's {@code callbackdesk} user (manager.conf: read=call,dtmf), originates to the
 * consultant with Context=callback, and pbx-sim runs the real extensions.conf: the consultant
 * answers, [callback] Dials the customer, and when the consultant hangs up Dial's F() option
 * moves the customer into [survey], whose AGI() reaches a FastAGI server (Asterisk-Java's, here)
 * that reads the score.
 */
class AmiCallbackTest {

    private static final String CUSTOMER = "+886212345678";
    private static final String SECRET = "change-me-callbackdesk";   // asterisk-config's manager.conf

    private final Map<String, String> scores = new ConcurrentHashMap<>();
    private final List<ManagerEvent> events = new CopyOnWriteArrayList<>();
    private DefaultAgiServer agi;
    private SimulatedPbx pbx;
    private AmiServer ami;
    private ManagerConnection dialer;

    private void start(double timeScale) throws Exception {
        int agiPort = startSurveyServer();
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults().withTimeScale(timeScale)
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + agiPort)));
        ami = pbx.startAmi(0);
    }

    @AfterEach
    void stop() {
        if (dialer != null) {
            dialer.logoff();
        }
        if (pbx != null) {
            pbx.close();
        }
        if (agi != null) {
            agi.shutdown();
        }
    }

    /** The survey as a FastAGI script: reads CALLBACK_ID (inherited through __) and one key. */
    private int startSurveyServer() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        AgiScript survey = (AgiRequest request, AgiChannel channel) -> {
            if (request.getScript() == null) {
                return;   // the readiness probe below
            }
            String callbackId = channel.getVariable("CALLBACK_ID");
            String score = channel.getData("beep", 8000, 1);
            scores.put(callbackId, score == null ? "" : score);
            channel.hangup();
        };
        agi = new DefaultAgiServer((request, channel) -> survey);
        agi.setPort(port);
        Thread t = new Thread(() -> {
            try {
                agi.startup();
            } catch (Exception e) {
                scores.put("server-failed", e.toString());
            }
        });
        t.setDaemon(true);
        t.start();
        int p = port;
        await().until(() -> {
            try (Socket s = new Socket("127.0.0.1", p)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
        return port;
    }

    private ManagerConnection login() throws Exception {
        ManagerConnection c = new ManagerConnectionFactory("127.0.0.1", ami.port(), "callbackdesk", SECRET)
                .createManagerConnection();
        c.addEventListener(events::add);
        c.login();
        return c;
    }

    private static OriginateAction originate(String consultant, String callbackId) {
        OriginateAction o = new OriginateAction();
        o.setActionId("cb-" + callbackId);
        o.setChannel("PJSIP/" + consultant);
        o.setContext("callback");
        o.setExten(CUSTOMER);
        o.setPriority(1);
        o.setCallerId("Callback Desk <100>");
        o.setTimeout(30_000L);
        o.setAsync(true);
        o.setVariable("CALLBACK_ID", callbackId);
        return o;
    }

    private <T extends ManagerEvent> List<T> received(Class<T> type) {
        return events.stream().filter(type::isInstance).map(type::cast).toList();
    }

    private OriginatedCall finished(String callbackId) {
        await().atMost(Duration.ofSeconds(20)).until(() -> pbx.originatedCalls().stream().anyMatch(c -> callbackId.equals(c.callbackId())));
        return pbx.originatedCalls().stream().filter(c -> callbackId.equals(c.callbackId())).findFirst().orElseThrow();
    }

    @Test
    void fullCallbackReachesTheSurveyAndTheScoreArrivesAtTheFastAgiServer() throws Exception {
        start(0);
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofMinutes(3)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(6)).press("4").build());
        dialer = login();

        ManagerResponse queued = dialer.sendAction(originate("alice", "42"), 10_000);

        assertThat(queued.getResponse()).isEqualTo("Success");
        assertThat(queued.getMessage()).isEqualTo("Originate successfully queued");
        await().atMost(Duration.ofSeconds(20)).until(() -> scores.containsKey("42"));
        assertThat(scores).containsEntry("42", "4");
        OriginatedCall call = finished("42");
        assertThat(call.reason()).isEqualTo(4);
        assertThat(call.dialStatus()).isEqualTo("ANSWER");
        assertThat(call.surveyed()).isTrue();
        assertThat(call.surveyKeys()).containsExactly("4");
        assertThat(call.dialplanSteps()).anyMatch(s -> s.startsWith("callback," + CUSTOMER + ",5 Dial("))
                .anyMatch(s -> s.startsWith("survey,s,2 AGI("));
        await().until(() -> received(HangupEvent.class).size() == 2);

        // Typed events, with the fields the dialer reads.
        OriginateResponseEvent response = received(OriginateResponseEvent.class).get(0);
        assertThat(response.getResponse()).isEqualTo("Success");
        assertThat(response.getReason()).isEqualTo(4);
        assertThat(response.getChannel()).isEqualTo("PJSIP/alice");
        assertThat(response.getActionId()).endsWith("cb-42");
        List<NewChannelEvent> channels = received(NewChannelEvent.class);
        assertThat(channels).extracting(NewChannelEvent::getChannel)
                .satisfiesExactly(c -> assertThat(c).matches("PJSIP/alice-[0-9a-f]{8}"),
                        c -> assertThat(c).matches("PJSIP/trunk-[0-9a-f]{8}"));
        String consultantUid = channels.get(0).getUniqueId();
        assertThat(response.getUniqueId()).isEqualTo(consultantUid);
        assertThat(channels.get(1).getLinkedid()).isEqualTo(consultantUid);
        List<DialBeginEvent> dials = received(DialBeginEvent.class);
        assertThat(dials).extracting(DialBeginEvent::getDialString).containsExactly("alice", CUSTOMER + "@trunk");
        assertThat(dials.get(1).getDestCallerIdNum()).isEqualTo(CUSTOMER);
        assertThat(received(DialEndEvent.class)).extracting(DialEndEvent::getDialStatus).containsExactly("ANSWER", "ANSWER");
        assertThat(received(NewStateEvent.class)).extracting(NewStateEvent::getChannelStateDesc)
                .containsExactly("Ringing", "Up", "Ringing", "Up");
        assertThat(received(BridgeEnterEvent.class)).hasSize(2);
        assertThat(received(DtmfEndEvent.class)).singleElement()
                .satisfies(d -> assertThat(d.getDigit()).isEqualTo("4"));
        List<HangupEvent> hangups = received(HangupEvent.class);
        assertThat(hangups.get(0).getChannel()).isEqualTo(channels.get(0).getChannel());   // the consultant first
        assertThat(hangups).allSatisfy(h -> {
            assertThat(h.getCause()).isEqualTo(16);
            assertThat(h.getCauseTxt()).isEqualTo("Normal Clearing");
        });
        // Read=call,dtmf: no dialplan, AGI or security events reach the dialer's user.
        assertThat(events).extracting(e -> e.getClass().getSimpleName())
                .doesNotContain("NewExtenEvent", "VarSetEvent", "AgiExecStartEvent", "AgiExecEndEvent", "SuccessfulAuthEvent");
        // As on Asterisk, success is reported while the dialplan already runs: after the channel appeared.
        assertThat(events.indexOf(response)).isGreaterThan(events.indexOf(channels.get(0)));
    }

    @Test
    void wrongSecretIsRefusedAsAsteriskRefusesIt() {
        assertThatThrownBy(() -> {
            start(0);
            new ManagerConnectionFactory("127.0.0.1", ami.port(), "callbackdesk", "wrong").createManagerConnection().login();
        }).isInstanceOf(AuthenticationFailedException.class);
        assertThat(ami.authenticatedSessions()).isZero();
    }

    @Test
    void consultantWhoDoesNotAnswerFailsTheOriginateWithReason3() throws Exception {
        start(0);
        pbx.consultant(ConsultantPersona.endpoint("bob").noAnswer());
        pbx.callee(CUSTOMER, CallerPersona.named("mei").build());
        dialer = login();

        dialer.sendAction(originate("bob", "7"), 10_000);

        OriginatedCall call = finished("7");
        await().until(() -> !received(HangupEvent.class).isEmpty());
        OriginateResponseEvent response = received(OriginateResponseEvent.class).get(0);
        assertThat(response.getResponse()).isEqualTo("Failure");
        assertThat(response.getReason()).isEqualTo(3);
        assertThat(response.getUniqueId()).as("Asterisk-Java reads the wire's <unknown> as null").isNull();
        assertThat(call.customerChannel()).isNull();
        assertThat(received(DialBeginEvent.class)).extracting(DialBeginEvent::getDialString).containsExactly("bob");
        assertThat(received(DialEndEvent.class)).extracting(DialEndEvent::getDialStatus).containsExactly("NOANSWER");
        assertThat(received(HangupEvent.class)).singleElement()
                .satisfies(h -> assertThat(h.getChannel()).startsWith("PJSIP/bob-"));
        assertThat(scores).isEmpty();
    }

    @Test
    void busyConsultantFailsWithReason5() throws Exception {
        start(0);
        pbx.consultant(ConsultantPersona.endpoint("carol").busy());
        dialer = login();

        dialer.sendAction(originate("carol", "8"), 10_000);

        finished("8");
        await().until(() -> !received(HangupEvent.class).isEmpty());
        assertThat(received(OriginateResponseEvent.class).get(0).getReason()).isEqualTo(5);
        assertThat(received(HangupEvent.class).get(0).getCause()).isEqualTo(17);
        assertThat(received(HangupEvent.class).get(0).getCauseTxt()).isEqualTo("User busy");
    }

    @Test
    void busyCustomerEndsTheDialWithBusyAndNoSurvey() throws Exception {
        start(0);
        pbx.consultant(ConsultantPersona.endpoint("alice"));
        pbx.callee(CUSTOMER, CallerPersona.named("on the phone").busy().build());
        dialer = login();

        dialer.sendAction(originate("alice", "9"), 10_000);

        OriginatedCall call = finished("9");
        await().until(() -> received(HangupEvent.class).size() == 2);
        assertThat(call.reason()).isEqualTo(4);   // the consultant answered: the Originate succeeded
        assertThat(call.dialStatus()).isEqualTo("BUSY");
        assertThat(call.surveyed()).isFalse();
        assertThat(call.dialplanSteps()).anyMatch(s -> s.contains("NoOp(Dial ended"));
        assertThat(received(DialEndEvent.class)).extracting(DialEndEvent::getDialStatus).containsExactly("ANSWER", "BUSY");
        HangupEvent customer = received(HangupEvent.class).get(0);
        assertThat(customer.getChannel()).startsWith("PJSIP/trunk-");
        assertThat(customer.getCause()).isEqualTo(17);
        assertThat(received(HangupEvent.class).get(1).getChannel()).startsWith("PJSIP/alice-");
        assertThat(scores).isEmpty();
    }

    @Test
    void customerWhoDoesNotAnswerRingsOutAfterTheDialTimeout() throws Exception {
        start(0);
        pbx.consultant(ConsultantPersona.endpoint("alice"));
        pbx.callee(CUSTOMER, CallerPersona.named("away").noAnswer().build());
        dialer = login();

        dialer.sendAction(originate("alice", "10"), 10_000);

        OriginatedCall call = finished("10");
        await().until(() -> received(HangupEvent.class).size() == 2);
        assertThat(call.dialStatus()).isEqualTo("NOANSWER");
        assertThat(call.customerOutcome()).isEqualTo("no-answer");
        assertThat(received(DialEndEvent.class)).extracting(DialEndEvent::getDialStatus).containsExactly("ANSWER", "NOANSWER");
        assertThat(received(HangupEvent.class).get(0).getCause()).isEqualTo(19);
        assertThat(scores).isEmpty();
    }

    @Test
    void customerWhoLeftForTheDayOrHangsUpBeforeTheSurveyIsNotSurveyed() throws Exception {
        start(0);
        pbx.consultant(ConsultantPersona.endpoint("alice"));
        pbx.callee(CUSTOMER, CallerPersona.named("colleague").leftForTheDay().build());
        pbx.callee("+886287654321", CallerPersona.named("in a hurry").hangsUpBeforeSurvey().build());
        dialer = login();

        dialer.sendAction(originate("alice", "11"), 10_000);
        OriginateAction second = originate("alice", "12");
        second.setExten("+886287654321");
        dialer.sendAction(second, 10_000);

        OriginatedCall left = finished("11");
        OriginatedCall hurry = finished("12");
        assertThat(left.customerOutcome()).isEqualTo("left-for-the-day");
        assertThat(left.customerHungUpFirst()).isTrue();
        assertThat(left.surveyed()).isFalse();
        assertThat(hurry.customerHungUpFirst()).isFalse();
        assertThat(hurry.surveyed()).isFalse();
        assertThat(hurry.dialStatus()).isEqualTo("ANSWER");
        assertThat(scores).isEmpty();
    }

    @Test
    void droppedAmiConnectionDoesNotStopTheCallAndAReconnectingClientSeesTheRest() throws Exception {
        start(0.01);   // 3 min of conversation = 1.8 s
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofMinutes(3)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(4)).press("5").build());

        StringBuilder firstSession = new StringBuilder();
        try (Socket raw = new Socket("127.0.0.1", ami.port())) {
            OutputStream out = raw.getOutputStream();
            InputStream in = raw.getInputStream();
            out.write(("Action: Login\r\nUsername: callbackdesk\r\nSecret: " + SECRET + "\r\n\r\n"
                    + "Action: Originate\r\nActionID: drop-1\r\nChannel: PJSIP/alice\r\nContext: callback\r\nExten: "
                    + CUSTOMER + "\r\nPriority: 1\r\nVariable: CALLBACK_ID=77\r\nAsync: true\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            byte[] buf = new byte[8192];
            raw.setSoTimeout(10_000);
            while (!firstSession.toString().contains("Event: BridgeEnter")) {
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                firstSession.append(new String(buf, 0, n, StandardCharsets.US_ASCII));
            }
        }   // the dialer dies mid-call
        assertThat(firstSession.toString()).contains("Event: OriginateResponse", "ActionID: drop-1", "Reason: 4");
        assertThat(firstSession.toString()).doesNotContain("Event: Hangup\r\n");

        dialer = login();

        await().atMost(Duration.ofSeconds(20)).until(() -> received(HangupEvent.class).size() == 2);
        assertThat(received(HangupEvent.class)).extracting(HangupEvent::getChannel)
                .satisfiesExactly(c -> assertThat(c).startsWith("PJSIP/alice-"), c -> assertThat(c).startsWith("PJSIP/trunk-"));
        assertThat(received(DtmfEndEvent.class)).extracting(DtmfEndEvent::getDigit).containsExactly("5");
        assertThat(scores).containsEntry("77", "5");
        assertThat(finished("77").surveyed()).isTrue();
        TimeUnit.MILLISECONDS.sleep(50);
    }

    @Test
    void anAmiDropMidConversationLosesTheHangupsAndTheLiveChannelsTellTheCallIsOver() throws Exception {
        start(0.01);   // 30 s of conversation = 0.3 s
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofSeconds(30)));
        pbx.callee(CUSTOMER, CallerPersona.named("in a hurry").answersAfter(Duration.ofSeconds(4)).hangsUpBeforeSurvey().build());
        pbx.dropAmiDuringNextConversations(1);
        dialer = login();

        dialer.sendAction(originate("alice", "21"), 10_000);

        OriginatedCall call = finished("21");
        assertThat(call.dialStatus()).isEqualTo("ANSWER");
        await().atMost(Duration.ofSeconds(20)).until(() -> !received(DisconnectEvent.class).isEmpty()
                && events.get(events.size() - 1) instanceof ConnectEvent
                && dialer.getState() == ManagerConnectionState.CONNECTED);
        assertThat(received(BridgeEnterEvent.class)).as("the conversation began before the drop").hasSize(2);
        assertThat(received(HangupEvent.class)).as("both hang-ups happened while the client was away").isEmpty();
        ResponseEvents live = dialer.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
        assertThat(live.getEvents()).singleElement().isInstanceOf(CoreShowChannelsCompleteEvent.class);
    }

    @Test
    void afterAnAmiDropMidConversationTheCustomerStillReachesTheSurvey() throws Exception {
        start(0.01);
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(2)).talksFor(Duration.ofSeconds(30)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(4)).press("5").build());
        pbx.dropAmiDuringNextConversations(1);
        dialer = login();

        dialer.sendAction(originate("alice", "22"), 10_000);

        await().atMost(Duration.ofSeconds(20)).until(() -> scores.containsKey("22"));
        assertThat(scores).containsEntry("22", "5");
        assertThat(finished("22").surveyed()).isTrue();
        await().atMost(Duration.ofSeconds(20)).until(() -> dialer.getState() == ManagerConnectionState.CONNECTED
                && !received(DisconnectEvent.class).isEmpty());
        assertThat(received(HangupEvent.class)).extracting(HangupEvent::getChannel)
                .as("the consultant's Hangup was lost with the connection")
                .noneMatch(c -> c.startsWith("PJSIP/alice-"));
    }
}
