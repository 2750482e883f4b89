package com.callbackdesk.pbxsim;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Replays the FastAGI server's side of the real Asterisk 22.10 captures against pbx-sim and
 * requires pbx-sim to send exactly the bytes Asterisk sent, environment included. The only
 * values pinned from the capture are per-call facts (channel, unique id, thread id, caller).
 */
class AsteriskCaptureReplayTest {

    private static final Pattern LINE = Pattern.compile("^\\[\\s*[\\d.]+]\\s+(<<|>>)\\s+'(.*)'$");

    @Test
    void test1CommandRepliesErrorsAndHangupSequenceMatchAsteriskByteForByte() throws Exception {
        ChannelIdentity id = new ChannelIdentity("Local/s@ivr-test-00000004;2", "Local", "1795557639.9", "en",
                "5551234", "Test Caller", null, "", 140509327029952L);
        replay("TEST 1", id, "ivr-test", 2, CallerPersona.named("silent").build(),
                List.of("agi://127.0.0.1:4573/ivr"));
    }

    @Test
    void test2DigitsThroughHashAndTheHangupNoticeMatchAsterisk() throws Exception {
        ChannelIdentity id = new ChannelIdentity("Local/s@caller-sim-00000005;1", "Local", "1795557663.10", "en",
                "5559876", "DTMF Sim", null, "", 140509328053952L);
        replay("TEST 2", id, "ivr-dtmf", 2, CallerPersona.named("dtmf").press("123#").build(),
                List.of("agi://127.0.0.1:4573/dtmf"));
    }

    @Test
    void test3ArgumentsQueryStringAndWithheldCallerIdMatchAsterisk() throws Exception {
        ChannelIdentity id = new ChannelIdentity("Local/s@ivr-args-00000006;2", "Local", "1795557682.13", "en",
                null, null, null, "", 140509327029952L);
        replay("TEST 3", id, "ivr-args", 2, CallerPersona.named("withheld").build(),
                List.of("agi://127.0.0.1:4573/args?x=1&y=2", "first arg", "second"));
    }

    private void replay(String test, ChannelIdentity id, String context, int priority, CallerPersona persona,
                        List<String> agiArgs) throws Exception {
        List<String[]> capture = section(test);
        try (ServerSocket server = new ServerSocket(0)) {
            List<String> args = new ArrayList<>(agiArgs);
            args.set(0, args.get(0).replace("4573", Integer.toString(server.getLocalPort())));
            SimulatedChannel channel = new SimulatedChannel(id, persona, Map.of());
            channel.context = context;
            channel.exten = "s";
            channel.priority = priority;
            // The captured Asterisk had its stock beep and no digits/* (SAY DIGITS answered at once, result 0).
            PbxSettings settings = PbxSettings.defaults().withSounds(SoundFiles.listed(List.of("en/beep")));
            AgiRequestLine request = AgiRequestLine.parse(args);
            // The capture's URL names port 4573; ours is ephemeral: compare with the capture's own text.
            AgiRequestLine asCaptured = new AgiRequestLine(agiArgs.get(0),
                    request.host(), request.port(), request.networkScript(), request.args());
            List<AgiExchange> exchanges = new ArrayList<>();
            CompletableFuture<Void> asterisk = CompletableFuture.runAsync(() -> {
                try (Socket s = new Socket("127.0.0.1", server.getLocalPort())) {
                    new AgiChannelSession(s, channel, asCaptured, settings, new java.util.HashMap<>(), exchanges).run();
                } catch (IOException e) {
                    throw new RuntimeException(e);
                }
            });
            try (Socket fastAgi = server.accept()) {
                fastAgi.setSoTimeout(5_000);
                InputStream in = fastAgi.getInputStream();
                OutputStream out = fastAgi.getOutputStream();
                for (String[] step : capture) {
                    if (step[0].equals(">>")) {
                        out.write(step[1].getBytes(StandardCharsets.UTF_8));
                        out.flush();
                    } else {
                        String expected = step[1];
                        String actual = new String(in.readNBytes(expected.getBytes(StandardCharsets.UTF_8).length),
                                StandardCharsets.UTF_8);
                        assertThat(actual).as("%s: what Asterisk sent", test).isEqualTo(expected);
                    }
                }
            }
            asterisk.get(10, TimeUnit.SECONDS);   // our closing the socket ends the session
        }
    }

    /** The {@code <<}/{@code >>} lines of one test in the capture, unescaped. */
    private static List<String[]> section(String test) throws IOException {
        List<String[]> out = new ArrayList<>();
        try (InputStream raw = AsteriskCaptureReplayTest.class.getResourceAsStream(
                "/reference/asterisk-22.10-agi-transcript.txt");
             BufferedReader r = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            boolean inside = false;
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("##### ")) {
                    inside = line.startsWith("##### " + test + ":") || line.startsWith("##### " + test + " ");
                    continue;
                }
                Matcher m = LINE.matcher(line);
                if (inside && m.matches()) {
                    out.add(new String[] {m.group(1), unescape(m.group(2))});
                }
            }
        }
        assertThat(out).as("capture section %s", test).isNotEmpty();
        return out;
    }

    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                b.append(switch (n) {
                    case 'n' -> '\n';
                    case 'r' -> '\r';
                    case 't' -> '\t';
                    default -> n;
                });
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
