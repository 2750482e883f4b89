package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The dial-path faults and the customer's caller ID, as bytes on pbx-sim's AMI: a consultant who
 * hangs up while the customer's phone rings (DialEnd CANCEL from the consultant's channel, then
 * the Hangups), a PBX restart while the consultant's phone rings (the leg hung up with cause 0,
 * OriginateResponse Failure, Shutdown, the connection gone, no channel left after the reconnect),
 * and [callback]'s Set(CALLERID(all)=${CALLBACK_CALLERID}) showing on the customer's leg.
 */
class AmiDialFaultsWireTest {

    private static final String CUSTOMER = "+886212345678";
    /** A user that also reads {@code system} (the Shutdown event's class). */
    private static final String LOGIN = "Action: Login\r\nActionID: l1\r\nUsername: watcher\r\nSecret: w\r\n\r\n";

    private SimulatedPbx pbx;
    private AmiServer ami;

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
    }

    private void start(ConsultantPersona alice, CallerPersona customer) {
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults().withTimeScale(0.01)
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:1")));
        pbx.consultant(alice).callee(CUSTOMER, customer);
        ami = pbx.startAmi(0, ManagerConf.loadDefault().withUser("watcher", "w", "call,system", "originate,reporting"));
    }

    private static String originate(String callerIdVariable) {
        return "Action: Originate\r\nActionID: cb-7-1\r\nChannel: PJSIP/alice\r\nContext: callback\r\nExten: " + CUSTOMER
                + "\r\nPriority: 1\r\nAsync: true\r\nTimeout: 30000\r\nCallerID: \"Callback Desk\" <100>\r\n"
                + "Variable: CALLBACK_ID=7,CONSULTANT=alice" + (callerIdVariable == null ? ""
                : ",CALLBACK_CALLERID=" + callerIdVariable) + "\r\n\r\n";
    }

    @Test
    void aConsultantWhoHangsUpWhileTheCustomerRingsEndsTheDialWithCancel() throws Exception {
        start(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1))
                .hangsUpWhileCustomerRings(Duration.ofSeconds(5)), CallerPersona.named("mei").noAnswer().build());
        List<String> got;
        try (Socket s = session()) {
            send(s, originate(null));
            got = messagesUntil(s, m -> m.startsWith("Event: Hangup\r\n") && m.contains("Channel: PJSIP/alice-"));
        }
        int request = index(got, m -> m.startsWith("Event: HangupRequest") && m.contains("\r\nChannel: PJSIP/alice-"));
        int cancel = index(got, m -> m.startsWith("Event: DialEnd") && m.contains("\r\nChannel: PJSIP/alice-")
                && m.contains("DestChannel: PJSIP/trunk-") && m.contains("DialStatus: CANCEL\r\n"));
        int customerGone = index(got, m -> m.startsWith("Event: Hangup\r\n") && m.contains("Channel: PJSIP/trunk-"));
        int consultantGone = got.size() - 1;
        assertThat(request).isNotNegative();
        assertThat(cancel).isGreaterThan(request);
        assertThat(customerGone).isGreaterThan(cancel);
        assertThat(consultantGone).isGreaterThan(customerGone);
        assertThat(got.get(consultantGone)).contains("Cause: 16\r\n");
        assertThat(got).noneMatch(m -> m.contains("DialStatus: NOANSWER"));
        await().atMost(Duration.ofSeconds(10)).until(() -> pbx.originatedCalls().size() == 1);
        assertThat(pbx.originatedCalls().get(0).dialStatus()).isEqualTo("CANCEL");
        assertThat(pbx.originatedCalls().get(0).dialplanSteps()).noneMatch(step -> step.contains("NoOp(Dial ended"));
    }

    @Test
    void aPbxRestartWhileTheConsultantsPhoneRingsHangsTheLegUpWithCauseZeroAndDropsTheConnection() throws Exception {
        start(ConsultantPersona.endpoint("alice").noAnswer(), CallerPersona.named("mei").noAnswer().build());
        pbx.restartWhileNextConsultantsRing(1);
        String startedBefore = startup();
        List<String> got;
        try (Socket s = session()) {
            send(s, originate(null));
            got = messagesUntil(s, m -> false);   // until the PBX closes the connection
        }
        int hangup = index(got, m -> m.startsWith("Event: Hangup\r\n") && m.contains("Channel: PJSIP/alice-")
                && m.contains("Cause: 0\r\nCause-txt: Unknown\r\n"));
        int failure = index(got, m -> m.startsWith("Event: OriginateResponse") && m.contains("Response: Failure\r\n")
                && m.contains("Reason: 1\r\n") && m.contains("ActionID: cb-7-1\r\n"));
        int shutdown = index(got, m -> m.startsWith("Event: Shutdown\r\nPrivilege: system,all\r\n")
                && m.contains("Shutdown: Uncleanly\r\nRestart: True\r\n"));
        assertThat(hangup).isNotNegative();
        assertThat(failure).isGreaterThan(hangup);
        assertThat(shutdown).isGreaterThan(failure);
        assertThat(got).noneMatch(m -> m.contains("Reason: 3\r\n"));

        // The new process: the manager port is back, with no channel left.
        String channels = await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try (Socket s = session()) {
                send(s, "Action: CoreShowChannels\r\nActionID: c1\r\n\r\n");
                return String.join("", messagesUntil(s, m -> m.startsWith("Event: CoreShowChannelsComplete")));
            }
        }, text -> text.contains("ListItems: 0\r\n"));
        assertThat(channels).doesNotContain("Event: CoreShowChannel\r\n");
        assertThat(startup()).as("CoreStatus: a new process").isNotEqualTo(startedBefore);
    }

    /** CoreStatus's CoreStartupDate and CoreStartupTime lines. */
    private String startup() throws IOException {
        try (Socket s = session()) {
            send(s, "Action: CoreStatus\r\nActionID: s1\r\n\r\n");
            String status = messagesUntil(s, m -> m.startsWith("Response: ")).get(0);
            assertThat(status).startsWith("Response: Success\r\nActionID: s1\r\nCoreStartupDate: ")
                    .contains("CoreStartupTime: ", "CoreCurrentCalls: ");
            return status.replaceAll("(?s).*(CoreStartupDate: [^\r]*\r\nCoreStartupTime: [^\r]*).*", "$1");
        }
    }

    @Test
    void theCustomerSeesTheCallerIdTheDialerPassed() throws Exception {
        start(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofSeconds(5)),
                CallerPersona.named("mei").answersAfter(Duration.ofSeconds(2)).hangsUpBeforeSurvey().build());
        List<String> got;
        try (Socket s = session()) {
            send(s, originate("\"Billing Desk\" <+886221234500>"));
            got = messagesUntil(s, m -> m.startsWith("Event: DialBegin") && m.contains("DestChannel: PJSIP/trunk-"));
        }
        String dialBegin = got.get(got.size() - 1);
        assertThat(dialBegin).contains("DestConnectedLineNum: +886221234500\r\n",
                "DestConnectedLineName: Billing Desk\r\n", "\r\nCallerIDNum: +886221234500\r\n");
        assertThat(got).anyMatch(m -> m.startsWith("Event: NewCallerid") && m.contains("Channel: PJSIP/alice-")
                && m.contains("CallerIDNum: +886221234500\r\nCallerIDName: Billing Desk\r\n"));
        assertThat(got).noneMatch(m -> m.startsWith("Event: VarSet") && m.contains("Variable: CALLERID"));
    }

    @Test
    void withoutTheVariableTheDialplansGlobalCallerIdIsShown() throws Exception {
        // [callback] always sets it: a dialer that passes nothing gets [globals]' CALLBACK_CALLERID,
        // the one `pbx config` wrote from the desk's ami.callerId.
        start(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)).talksFor(Duration.ofSeconds(5)),
                CallerPersona.named("mei").answersAfter(Duration.ofSeconds(2)).hangsUpBeforeSurvey().build());
        List<String> got;
        try (Socket s = session()) {
            send(s, originate(null));
            got = messagesUntil(s, m -> m.startsWith("Event: DialBegin") && m.contains("DestChannel: PJSIP/trunk-"));
        }
        assertThat(got.get(got.size() - 1)).contains("DestConnectedLineNum: 100\r\n", "DestConnectedLineName: Callback Desk\r\n");
    }

    private Socket session() throws IOException {
        Socket s = new Socket("127.0.0.1", ami.port());
        s.setSoTimeout(15_000);
        send(s, LOGIN);
        messagesUntil(s, m -> m.contains("Status: Fully Booted"));
        return s;
    }

    private static int index(List<String> messages, Predicate<String> which) {
        for (int i = 0; i < messages.size(); i++) {
            if (which.test(messages.get(i))) {
                return i;
            }
        }
        return -1;
    }

    private static void send(Socket s, String text) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Messages (each ending in a blank line) up to the first that {@code last} accepts, or to the end of the stream. */
    private static List<String> messagesUntil(Socket s, Predicate<String> last) throws IOException {
        InputStream in = s.getInputStream();
        List<String> out = new ArrayList<>();
        ByteArrayOutputStream one = new ByteArrayOutputStream();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return out;
            }
            one.write(b);
            String text = one.toString(StandardCharsets.UTF_8);
            if (text.equals("Asterisk Call Manager/11.0.0\r\n")) {
                one.reset();
            } else if (text.endsWith("\r\n\r\n")) {
                out.add(text);
                one.reset();
                if (last.test(text)) {
                    return out;
                }
            }
        }
    }
}
