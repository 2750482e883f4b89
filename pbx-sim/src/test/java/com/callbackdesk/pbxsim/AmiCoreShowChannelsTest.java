package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.asteriskjava.manager.ManagerConnection;
import org.asteriskjava.manager.ManagerConnectionFactory;
import org.asteriskjava.manager.ResponseEvents;
import org.asteriskjava.manager.action.CoreShowChannelsAction;
import org.asteriskjava.manager.action.OriginateAction;
import org.asteriskjava.manager.event.CoreShowChannelEvent;
import org.asteriskjava.manager.event.CoreShowChannelsCompleteEvent;
import org.asteriskjava.manager.event.ResponseEvent;
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
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * CoreShowChannels as Asterisk 22's action_coreshowchannels answers it: the list ack, one
 * CoreShowChannel per live channel (no Privilege line; ActionID, the channel-state block, BridgeId,
 * Application, ApplicationData, Duration), then CoreShowChannelsComplete — byte for byte over a raw
 * socket with Asterisk-Java's lowercase headers, and through Asterisk-Java's own
 * {@code sendEventGeneratingAction}.
 */
class AmiCoreShowChannelsTest {

    private static final String CUSTOMER = "+886212345678";
    private static final String SECRET = "change-me-callbackdesk";
    private static final String LOGIN = "action: Login\r\nactionid: l1\r\nusername: callbackdesk\r\nsecret: " + SECRET
            + "\r\nevents: off\r\n\r\n";
    private static final List<String> CHANNEL_FIELDS = List.of("Event", "ActionID", "Channel", "ChannelState",
            "ChannelStateDesc", "CallerIDNum", "CallerIDName", "ConnectedLineNum", "ConnectedLineName", "Language",
            "AccountCode", "Context", "Exten", "Priority", "Uniqueid", "Linkedid", "BridgeId", "Application",
            "ApplicationData", "Duration");

    private SimulatedPbx pbx;
    private AmiServer ami;
    private ManagerConnection client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.logoff();
        }
        if (pbx != null) {
            pbx.close();
        }
    }

    /** A conversation that lasts (300 s of talk at 1/100 speed): both legs live and bridged for 3 s. */
    private void conversation() {
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults().withTimeScale(0.01));
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1))
                .talksFor(Duration.ofSeconds(300)));
        pbx.callee(CUSTOMER, CallerPersona.named("mei").answersAfter(Duration.ofSeconds(1)).build());
        ami = pbx.startAmi(0);
    }

    @Test
    void theListIsWrittenAsAsterisk22WritesIt() throws Exception {
        conversation();
        try (Socket s = new Socket("127.0.0.1", ami.port())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            send(out, LOGIN);
            readUntil(in, "Status: Fully Booted\r\n\r\n");

            send(out, "action: CoreShowChannels\r\nactionid: 99_1#callbackdesk\r\n\r\n");
            assertThat(readUntil(in, "ListItems: 0\r\n\r\n")).isEqualTo("Response: Success\r\n"
                    + "ActionID: 99_1#callbackdesk\r\nEventList: start\r\nMessage: Channels will follow\r\n\r\n"
                    + "Event: CoreShowChannelsComplete\r\nActionID: 99_1#callbackdesk\r\nEventList: Complete\r\n"
                    + "ListItems: 0\r\n\r\n");

            send(out, "action: Originate\r\nactionid: o1\r\nchannel: PJSIP/alice\r\ncontext: callback\r\nexten: "
                    + CUSTOMER + "\r\npriority: 1\r\nasync: true\r\nvariable: CALLBACK_ID=7\r\n\r\n");
            readUntil(in, "Message: Originate successfully queued\r\n\r\n");
            String list = "";
            for (int i = 0; i < 100; i++) {
                Thread.sleep(50);
                send(out, "action: CoreShowChannels\r\nactionid: c" + i + "\r\n\r\n");
                list = readUntil(in, "\r\nEventList: Complete\r\nListItems: ");
                String count = readUntil(in, "\r\n\r\n");
                if (count.startsWith("2") && bridged(list)) {
                    list = list + count;
                    break;
                }
                list = "";
            }
            List<String> blocks = Arrays.asList(list.split("\r\n\r\n"));
            assertThat(blocks).hasSize(4);
            assertThat(blocks.get(0)).matches("Response: Success\r\nActionID: c\\d+\r\nEventList: start\r\n"
                    + "Message: Channels will follow");
            for (String channel : blocks.subList(1, 3)) {
                assertThat(names(channel)).containsExactlyElementsOf(CHANNEL_FIELDS);
                assertThat(channel).startsWith("Event: CoreShowChannel\r\nActionID: c").doesNotContain("Privilege:")
                        .contains("\r\nChannelState: 6\r\nChannelStateDesc: Up\r\n", "\r\nAccountCode: \r\n")
                        .containsPattern("\r\nDuration: \\d\\d:\\d\\d:\\d\\d$");
            }
            String consultant = blocks.get(1);
            String customer = blocks.get(2);
            assertThat(consultant).containsPattern("\r\nChannel: PJSIP/alice-[0-9a-f]{8}\r\n")
                    .contains("\r\nContext: callback\r\n", "\r\nApplication: Dial\r\n",
                            "\r\nApplicationData: PJSIP/" + CUSTOMER + "@trunk,30,F(survey^s^1)\r\n");
            assertThat(customer).containsPattern("\r\nChannel: PJSIP/trunk-[0-9a-f]{8}\r\n")
                    .contains("\r\nApplication: AppDial2\r\nApplicationData: (Outgoing Line)\r\n");
            assertThat(field(customer, "BridgeId")).isNotEmpty().isEqualTo(field(consultant, "BridgeId"));
            assertThat(field(customer, "Linkedid")).isEqualTo(field(consultant, "Uniqueid"));
            assertThat(blocks.get(3)).matches("Event: CoreShowChannelsComplete\r\nActionID: c\\d+\r\n"
                    + "EventList: Complete\r\nListItems: 2");
        }
    }

    @Test
    void aUserWithoutSystemOrReportingWriteIsRefused() throws Exception {
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults());
        ami = pbx.startAmi(0, ManagerConf.parse("[dialonly]\nsecret = s3\nread = call\nwrite = originate\n"));
        try (Socket s = new Socket("127.0.0.1", ami.port())) {
            s.setSoTimeout(10_000);
            send(s.getOutputStream(), "Action: Login\r\nUsername: dialonly\r\nSecret: s3\r\nEvents: off\r\n\r\n");
            readUntil(s.getInputStream(), "Status: Fully Booted\r\n\r\n");
            send(s.getOutputStream(), "Action: CoreShowChannels\r\nActionID: x\r\n\r\n");
            assertThat(readUntil(s.getInputStream(), "\r\n\r\n"))
                    .isEqualTo("Response: Error\r\nActionID: x\r\nMessage: Permission denied\r\n\r\n");
        }
    }

    @Test
    void asteriskJavaReadsTheChannelsAndTheEndOfTheList() throws Exception {
        conversation();
        client = new ManagerConnectionFactory("127.0.0.1", ami.port(), "callbackdesk", SECRET).createManagerConnection();
        client.login();
        OriginateAction o = new OriginateAction();
        o.setActionId("cb-7-1");
        o.setChannel("PJSIP/alice");
        o.setContext("callback");
        o.setExten(CUSTOMER);
        o.setPriority(1);
        o.setAsync(true);
        o.setVariable("CALLBACK_ID", "7");
        assertThat(client.sendAction(o, 5000).getResponse()).isEqualTo("Success");

        List<CoreShowChannelEvent> channels = new ArrayList<>();
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            ResponseEvents r = client.sendEventGeneratingAction(new CoreShowChannelsAction(), 5000);
            channels.clear();
            List<ResponseEvent> events = new ArrayList<>(r.getEvents());
            assertThat(r.getResponse().getResponse()).isEqualTo("Success");
            assertThat(events.get(events.size() - 1)).isInstanceOf(CoreShowChannelsCompleteEvent.class);
            CoreShowChannelsCompleteEvent done = (CoreShowChannelsCompleteEvent) events.get(events.size() - 1);
            events.stream().filter(CoreShowChannelEvent.class::isInstance).map(CoreShowChannelEvent.class::cast)
                    .forEach(channels::add);
            assertThat(done.getListitems()).isEqualTo(channels.size());
            return channels.size() == 2 && "AppDial2".equals(channels.get(1).getApplication());
        });
        assertThat(channels.get(0).getChannel()).startsWith("PJSIP/alice-");
        assertThat(channels.get(1).getChannel()).startsWith("PJSIP/trunk-");
        assertThat(channels).allSatisfy(c -> assertThat(c.getUniqueid()).matches("\\d+\\.\\d+"));
        assertThat(channels.get(1).getLinkedid()).isEqualTo(channels.get(0).getUniqueid());
        assertThat(channels.get(0).getDuration()).matches("\\d\\d:\\d\\d:\\d\\d");
    }

    private static boolean bridged(String list) {
        return list.split("BridgeId: [0-9a-f-]{36}\r\n", -1).length == 3;
    }

    private static List<String> names(String block) {
        return Arrays.stream(block.split("\r\n")).map(l -> l.substring(0, l.indexOf(':'))).toList();
    }

    private static String field(String block, String name) {
        return Arrays.stream(block.split("\r\n")).filter(l -> l.startsWith(name + ": ")).findFirst()
                .map(l -> l.substring(name.length() + 2)).orElseThrow();
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Bytes up to and including {@code end}, without the banner. */
    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            got.write(b);
            if (got.toString(StandardCharsets.UTF_8).equals(AmiServer.BANNER)) {
                got.reset();
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }
}
