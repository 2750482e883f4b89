package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Sends pbx-sim's AMI the very actions of the real-Asterisk AMI capture and requires the exact
 * bytes Asterisk sent back: banner, login (good and bad), FullyBooted, SuccessfulAuth, Ping,
 * Logoff, and the failing Originates (async: OriginateResponse before any Newchannel; sync:
 * the error response first). Only per-session facts are masked (unique ids and channel
 * sequence numbers are renumbered in order of appearance, so their relations still count;
 * session id, times, ports and uptime are blanked).
 */
class AmiCaptureReplayTest {

    private static final Pattern REPR = Pattern.compile("^\\[\\s*[\\d.]+]\\s+(<<|>>)\\s+'(.*)'$");

    private SimulatedPbx pbx;
    private AmiServer ami;

    @BeforeEach
    void start() {
        // The capture's AMI user "sim" reads everything; its dialplan had an [ivr-test] context.
        Dialplan plan = Dialplan.parse("""
                [ivr-test]
                exten => s,1,Answer()
                 same => n,AGI(agi://127.0.0.1:4573/ivr)
                """);
        pbx = new SimulatedPbx(plan, PbxSettings.defaults().withInboundContext("ivr-test"));
        ami = pbx.startAmi(0, ManagerConf.parse("[sim]\nsecret = simsecret\nread = all\nwrite = all\n"));
    }

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void rawLoginPingAndLogoffMatchTheCaptureByteForByte() throws Exception {
        String expected = catA("##### 0)");
        String got = converse("Action: Login\r\nUsername: sim\r\nSecret: simsecret\r\n\r\n",
                "Action: Ping\r\nActionID: p1\r\n\r\n",
                "Action: Logoff\r\n\r\n");

        assertThat(normalize(got)).isEqualTo(normalize(expected));
        assertThat(got).startsWith("Asterisk Call Manager/11.0.0\r\n").endsWith("Thanks for all the fish.\r\n\r\n");
    }

    @Test
    void wrongSecretFailsAsAsteriskDoesAndTheSessionEnds() throws Exception {
        String expected = catA("##### 0b)");
        String got = converse("Action: Login\r\nActionID: bad-1\r\nUsername: sim\r\nSecret: not-the-secret\r\n\r\n");

        assertThat(got).isEqualTo(expected);   // nothing masked: no per-session facts in a refusal
    }

    @Test
    void failingOriginatesAsyncAndSyncMatchTheCaptureInOrderAndBytes() throws Exception {
        List<String[]> capture = reprSection("##### TEST 4");
        StringBuilder expected = new StringBuilder();
        List<String> actions = new ArrayList<>();
        StringBuilder action = new StringBuilder();
        for (String[] line : capture) {
            if (line[0].equals("<<")) {
                expected.append(line[1]);
            } else {
                action.append(line[1]);
                if (line[1].equals("\r\n")) {
                    actions.add(action.toString());
                    action.setLength(0);
                }
            }
        }
        assertThat(actions).hasSize(4);   // Login, async Originate, sync Originate, Logoff

        StringBuilder got = new StringBuilder();
        try (Socket s = new Socket("127.0.0.1", ami.port())) {
            s.setSoTimeout(10_000);
            Reader reader = new Reader(s.getInputStream(), got);
            reader.start();
            OutputStream out = s.getOutputStream();
            await().until(() -> got.toString().contains("Call Manager"));
            send(out, actions.get(0));
            await().until(() -> got.toString().contains("SuccessfulAuth"));
            send(out, actions.get(1));
            await().until(() -> count(got, "State: INVALID") == 2);
            send(out, actions.get(2));
            await().until(() -> count(got, "State: INVALID") == 4);
            send(out, actions.get(3));
            reader.join(10_000);
        }

        assertThat(normalize(got.toString())).isEqualTo(normalize(expected.toString()));
        // The point of the ordering: the async failure is reported before any channel exists.
        String stream = got.toString();
        assertThat(stream.indexOf("Event: OriginateResponse")).isLessThan(stream.indexOf("Event: Newchannel"));
        assertThat(stream).contains("Uniqueid: <unknown>");
    }

    // ------------------------------------------------------------------------------ helpers

    private String converse(String... actions) throws Exception {
        StringBuilder got = new StringBuilder();
        try (Socket s = new Socket("127.0.0.1", ami.port())) {
            s.setSoTimeout(10_000);
            Reader reader = new Reader(s.getInputStream(), got);
            reader.start();
            await().until(() -> got.toString().contains("Call Manager"));
            for (String a : actions) {
                int before = count(got, "\r\n\r\n");
                send(s.getOutputStream(), a);
                await().until(() -> count(got, "\r\n\r\n") > before || !reader.isAlive());
            }
            reader.join(10_000);
            assertThat(reader.isAlive()).as("pbx-sim closes the session").isFalse();
        }
        return got.toString();
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static int count(CharSequence text, String needle) {
        String s;
        synchronized (text) {
            s = text.toString();
        }
        int n = 0;
        for (int i = s.indexOf(needle); i >= 0; i = s.indexOf(needle, i + needle.length())) {
            n++;
        }
        return n;
    }

    /** Reads everything the server sends until it closes the connection. */
    private static final class Reader extends Thread {
        private final InputStream in;
        private final StringBuilder sink;

        Reader(InputStream in, StringBuilder sink) {
            this.in = in;
            this.sink = sink;
            setDaemon(true);
        }

        @Override
        public void run() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            byte[] buf = new byte[4096];
            try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                    bytes.write(buf, 0, n);
                    synchronized (sink) {
                        sink.setLength(0);
                        sink.append(bytes.toString(StandardCharsets.UTF_8));
                    }
                }
            } catch (IOException e) {
                // closed
            }
        }
    }

    /** Masks what differs between any two sessions, keeps every byte of structure. */
    static String normalize(String stream) {
        String s = stream;
        s = s.replaceAll("(SessionID: )0x[0-9a-f]+", "$1<id>");
        s = s.replaceAll("((?:Event|Session)TV: )\\S+", "$1<tv>");
        s = s.replaceAll("((?:Local|Remote)Address: IPV4/TCP/127\\.0\\.0\\.1/)\\d+", "$1<port>");
        s = s.replaceAll("((?:Uptime|LastReload): )\\d+", "$1<s>");
        s = s.replaceAll("(Timestamp: )\\d+\\.\\d{6}", "$1<t>");
        s = renumber(s, Pattern.compile("(?<=: )\\d{9,11}\\.\\d+"), "U");
        s = renumber(s, Pattern.compile("(?<=-)[0-9a-f]{8}(?=;[12])"), "L");
        return s;
    }

    private static String renumber(String s, Pattern p, String prefix) {
        Map<String, String> seen = new LinkedHashMap<>();
        Matcher m = p.matcher(s);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String id = seen.computeIfAbsent(m.group(), k -> prefix + seen.size());
            m.appendReplacement(sb, id);
        }
        m.appendTail(sb);
        return sb.toString();
    }

    private static List<String> captureLines() throws IOException {
        try (InputStream in = AmiCaptureReplayTest.class.getResourceAsStream("/reference/asterisk-22.10-ami-transcript.txt")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        }
    }

    /** A "cat -A" section: ^M$ is CRLF; it ends at the first line without a CRLF after content. */
    private static String catA(String header) throws IOException {
        List<String> lines = captureLines();
        int i = lines.indexOf(lines.stream().filter(l -> l.startsWith(header)).findFirst().orElseThrow()) + 1;
        StringBuilder sb = new StringBuilder();
        for (; i < lines.size() && lines.get(i).endsWith("^M$"); i++) {
            String l = lines.get(i);
            sb.append(l, 0, l.length() - 3).append("\r\n");
        }
        return sb.toString();
    }

    /** A timestamped section: {direction, exact text} per line. */
    private static List<String[]> reprSection(String header) throws IOException {
        List<String> lines = captureLines();
        List<String[]> out = new ArrayList<>();
        boolean in = false;
        for (String l : lines) {
            if (l.startsWith("#####")) {
                in = l.startsWith(header);
                continue;
            }
            Matcher m = REPR.matcher(l);
            if (in && m.matches()) {
                out.add(new String[] {m.group(1), m.group(2).replace("\\r", "\r").replace("\\n", "\n").replace("\\'", "'")});
            }
        }
        return out;
    }
}
