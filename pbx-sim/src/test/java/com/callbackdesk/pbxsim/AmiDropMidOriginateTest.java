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

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link SimulatedPbx#dropAmiOnNextOriginates}: the manager session's connection dies as the
 * Originate arrives — not a byte of response, no call — and the server keeps serving new sessions,
 * whose Originate goes through.
 */
class AmiDropMidOriginateTest {

    private static final String LOGIN = "Action: Login\r\nActionID: l1\r\nUsername: callbackdesk\r\n"
            + "Secret: change-me-callbackdesk\r\nEvents: off\r\n\r\n";
    private static final String ORIGINATE = "Action: Originate\r\nActionID: o1\r\nChannel: PJSIP/alice\r\n"
            + "Context: callback\r\nExten: +886212345678\r\nPriority: 1\r\nAsync: true\r\nTimeout: 30000\r\n"
            + "Variable: CALLBACK_ID=7,CONSULTANT=alice\r\n\r\n";

    private SimulatedPbx pbx;

    @AfterEach
    void stop() {
        pbx.close();
    }

    @Test
    void theDroppedOriginateIsNeverReadAndTheNextSessionWorks() throws Exception {
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults());
        pbx.consultant(ConsultantPersona.endpoint("alice").answersAfter(Duration.ofSeconds(1)));
        pbx.callee("+886212345678", CallerPersona.named("mei").noAnswer().build());
        AmiServer ami = pbx.startAmi(0);
        pbx.dropAmiOnNextOriginates(1);

        try (Socket s = new Socket("127.0.0.1", ami.port())) {
            s.setSoTimeout(10_000);
            send(s.getOutputStream(), LOGIN);
            assertThat(readUntil(s.getInputStream(), "Status: Fully Booted\r\n\r\n")).contains("Authentication accepted");
            send(s.getOutputStream(), ORIGINATE);
            assertThat(readToEnd(s.getInputStream())).as("no response: the connection died with the action").isEmpty();
        }
        assertThat(pbx.droppedOriginates()).isEqualTo(1);
        assertThat(pbx.originatedCalls()).isEmpty();

        try (Socket s = new Socket("127.0.0.1", ami.port())) {
            s.setSoTimeout(10_000);
            send(s.getOutputStream(), LOGIN);
            readUntil(s.getInputStream(), "Status: Fully Booted\r\n\r\n");
            send(s.getOutputStream(), ORIGINATE);
            assertThat(readUntil(s.getInputStream(), "\r\n\r\n"))
                    .isEqualTo("Response: Success\r\nActionID: o1\r\nMessage: Originate successfully queued\r\n\r\n");
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> pbx.originatedCalls().size() == 1);
        assertThat(pbx.originatedCalls().get(0).callbackId()).isEqualTo("7");
        assertThat(pbx.droppedOriginates()).isEqualTo(1);
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    /** Bytes up to and including {@code end} (the banner and earlier messages included). */
    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        while (!got.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            got.write(b);
            String text = got.toString(StandardCharsets.UTF_8);
            if (text.equals("Asterisk Call Manager/11.0.0\r\n")) {
                got.reset();
            }
        }
        return got.toString(StandardCharsets.UTF_8);
    }

    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
