package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The shipped dialplan when the desk's FastAGI server cannot be reached: Asterisk sets
 * AGISTATUS=FAILURE and goes on with the next priority, and the dialplan must send the caller to
 * the operator with an apology rather than hang up in silence. pbx-sim sets AGISTATUS as Asterisk does.
 */
class AgiStatusFallbackTest {

    private ServerSocket fastAgi;

    @AfterEach
    void close() throws IOException {
        if (fastAgi != null) {
            fastAgi.close();
        }
    }

    /** A port nobody listens on: bound, then closed again. */
    private static int closedPort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    private static SimulatedPbx pbx(int fastAgiPort, String context) {
        return new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + fastAgiPort))
                .withInboundContext(context));
    }

    private static CallerPersona caller() {
        return CallerPersona.named("waiting caller").callerId("0912345678").build();
    }

    @Test
    void aCallerReachesTheOperatorWithAnApologyWhenTheDeskIsDown() throws IOException {
        try (SimulatedPbx pbx = pbx(closedPort(), "inbound")) {
            CallRecord call = pbx.call(caller());

            assertThat(call.finalVariables()).containsEntry("AGISTATUS", "FAILURE");
            assertThat(call.callerHungUp()).isFalse();
            assertThat(call.dialplanSteps()).containsSubsequence(
                    "inbound,s,4 AGI(${FASTAGI}/intake)",
                    "inbound,s,5 GotoIf($[\"${AGISTATUS}\" = \"FAILURE\"]?desk-unreachable,s,1)",
                    "desk-unreachable,s,2 Playback(an-error-has-occurred)",
                    "operator,s,2 Dial(${OPERATOR_ENDPOINT},60)");
            assertThat(call.dialplanSteps()).noneMatch(s -> s.startsWith("inbound,s,6"));
        }
    }

    @Test
    void aCustomerInTheSurveyReachesTheOperatorWhenTheDeskIsDown() throws IOException {
        try (SimulatedPbx pbx = pbx(closedPort(), "survey")) {
            CallRecord call = pbx.call(caller());

            assertThat(call.finalVariables()).containsEntry("AGISTATUS", "FAILURE");
            assertThat(call.dialplanSteps()).containsSubsequence("survey,s,2 AGI(${FASTAGI}/survey)",
                    "desk-unreachable,s,2 Playback(an-error-has-occurred)", "operator,s,2 Dial(${OPERATOR_ENDPOINT},60)");
        }
    }

    /** The other side of the condition: a desk that answers keeps the caller out of the fallback. */
    @Test
    void aDeskThatAnswersIsSuccessAndNoFallback() throws Exception {
        fastAgi = new ServerSocket(0);
        Thread server = new Thread(() -> serveOnce(null), "fake-fastagi");
        server.start();
        try (SimulatedPbx pbx = pbx(fastAgi.getLocalPort(), "inbound")) {
            CallRecord call = pbx.call(caller());

            assertThat(call.finalVariables()).containsEntry("AGISTATUS", "SUCCESS");
            assertThat(call.visited("desk-unreachable")).isFalse();
            assertThat(call.visited("operator")).isFalse();
            assertThat(call.dialplanSteps()).contains("inbound,s,6 NoOp(Intake ended: ${INTAKE_RESULT} callback ${CALLBACK_ID})");
        }
        server.join(5_000);
    }

    /** A caller who hangs up during the script is HANGUP: gone, not sent anywhere. */
    @Test
    void aCallerWhoHangsUpDuringTheScriptIsHangupAndGoesNowhere() throws Exception {
        fastAgi = new ServerSocket(0);
        Thread server = new Thread(() -> serveOnce("STREAM FILE callback-desk/en/welcome \"\""), "fake-fastagi");
        server.start();
        try (SimulatedPbx pbx = pbx(fastAgi.getLocalPort(), "inbound")) {
            CallRecord call = pbx.call(CallerPersona.named("impatient").callerId("0912345678")
                    .hangUpWhileHearing("welcome").build());

            assertThat(call.finalVariables()).containsEntry("AGISTATUS", "HANGUP");
            assertThat(call.callerHungUp()).isTrue();
            assertThat(call.visited("desk-unreachable")).isFalse();
            assertThat(call.visited("operator")).isFalse();
        }
        server.join(5_000);
    }

    @Test
    void gotoIfComparesStringsAsAsteriskExpressionsDo() {
        assertThat(GotoIfApplication.evaluate("$[\"FAILURE\" = \"FAILURE\"]")).isEqualTo("1");
        assertThat(GotoIfApplication.evaluate("$[\"SUCCESS\" = \"FAILURE\"]")).isEqualTo("0");
        assertThat(GotoIfApplication.evaluate("$[\"\" = \"FAILURE\"]")).isEqualTo("0");
        assertThat(GotoIfApplication.evaluate("$[\"SUCCESS\" != \"FAILURE\"]")).isEqualTo("1");
        assertThat(GotoIfApplication.evaluate("$[1]")).isEqualTo("1");
        assertThat(GotoIfApplication.evaluate("0")).isEqualTo("0");
    }

    /** Accepts one FastAGI connection, reads the environment, sends {@code command} if any, then closes. */
    private void serveOnce(String command) {
        try (Socket s = fastAgi.accept();
             BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
             OutputStream out = s.getOutputStream()) {
            String line;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                // the agi_* environment
            }
            if (command != null) {
                out.write((command + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
                in.readLine();   // the reply
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
