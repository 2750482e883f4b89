package com.callbackdesk.pbxsim;

import com.callbackdesk.dialplan.Dialplan;
import org.asteriskjava.fastagi.AgiChannel;
import org.asteriskjava.fastagi.AgiHangupException;
import org.asteriskjava.fastagi.AgiRequest;
import org.asteriskjava.fastagi.AgiScript;
import org.asteriskjava.fastagi.DefaultAgiServer;
import org.asteriskjava.fastagi.MappingStrategy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * pbx-sim against Asterisk-Java's own FastAGI server, reader and reply parser: what our IVR
 * runs on must understand pbx-sim exactly as it understands Asterisk.
 */
class AsteriskJavaInteropTest {

    private DefaultAgiServer server;
    private final Map<String, Object> seen = new ConcurrentHashMap<>();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private int startServer(AgiScript script) throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        // The readiness probe below connects without an AGI environment; don't run the script for it.
        AgiScript ignoringProbe = new AgiScript() {
            @Override
            public void service(AgiRequest request, AgiChannel channel) throws org.asteriskjava.fastagi.AgiException {
                if (request.getScript() != null) {
                    script.service(request, channel);
                }
            }
        };
        MappingStrategy mapping = (request, channel) -> ignoringProbe;
        server = new DefaultAgiServer(mapping);
        server.setPort(port);
        Thread t = new Thread(() -> {
            try {
                server.startup();
            } catch (Exception e) {
                events.add("server failed: " + e);
            }
        });
        t.setDaemon(true);
        t.start();
        int p = port;
        await().until(() -> {
            try (java.net.Socket s = new java.net.Socket("127.0.0.1", p)) {
                return true;
            } catch (java.io.IOException e) {
                return false;
            }
        });
        return port;
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.shutdown();
        }
    }

    private SimulatedPbx pbx(int port) {
        Dialplan plan = Dialplan.parse("""
                [globals]
                FASTAGI=agi://127.0.0.1:4573
                [inbound]
                exten => s,1,Answer()
                 same => n,AGI(${FASTAGI}/probe?mode=test,alpha,beta)
                 same => n,NoOp(after ${AGISTATUS})
                 same => n,Hangup()
                """);
        return new SimulatedPbx(plan, PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + port)));
    }

    @Test
    void asteriskJavaParsesTheEnvironmentAndRepliesAsFromAsterisk() throws Exception {
        int port = startServer((AgiRequest request, AgiChannel channel) -> {
            seen.put("script", request.getScript());
            seen.put("mode", request.getParameter("mode"));
            seen.put("args", List.of(request.getArguments()));
            seen.put("callerId", request.getCallerIdNumber());
            seen.put("callingPres", request.getCallingPres());
            seen.put("context", request.getContext());
            seen.put("digits", channel.getData("enter-number", 5000, 4));
            seen.put("digit", channel.waitForDigit(3000));
            channel.setVariable("RESULT", "done");
            seen.put("var", channel.getVariable("RESULT"));
        });
        try (SimulatedPbx pbx = pbx(port)) {
            CallRecord call = pbx.call(CallerPersona.named("p").callerId("+886223456789").press("1234").press("7").build());
            assertThat(seen).containsEntry("script", "probe").containsEntry("mode", "test")
                    .containsEntry("args", List.of("alpha", "beta")).containsEntry("callerId", "+886223456789")
                    .containsEntry("callingPres", 0).containsEntry("context", "inbound")
                    .containsEntry("digits", "1234").containsEntry("digit", '7').containsEntry("var", "done");
            assertThat(call.endedBy()).isEqualTo("dialplan-hangup");
            assertThat(call.finalVariables()).containsEntry("AGISTATUS", "SUCCESS").containsEntry("AJ_AGISTATUS", "SUCCESS");
            assertThat(call.agiExchanges()).extracting(AgiExchange::firstReply).contains("200 result=1234", "200 result=55");
        }
    }

    @Test
    void aCallerHangingUpSurfacesAsAgiHangupExceptionAndTheCallEnds() throws Exception {
        int port = startServer((AgiRequest request, AgiChannel channel) -> {
            try {
                channel.getData("first", 5000, 1);
                events.add("first answered");
                channel.streamFile("second");
                events.add("second played");
            } catch (AgiHangupException e) {
                events.add("hangup seen");
            }
        });
        try (SimulatedPbx pbx = pbx(port)) {
            CallRecord call = pbx.call(CallerPersona.named("gone").callerId(null).hangUp().build());
            assertThat(call.callerHungUp()).isTrue();
            assertThat(call.endedBy()).isEqualTo("caller-hangup");
            await().until(() -> !events.isEmpty());
            assertThat(events).doesNotContain("second played");
            assertThat(call.agiExchanges().get(0).firstReply()).isEqualTo("200 result=-1");
            assertThat(call.agiExchanges()).extracting(AgiExchange::firstReply)
                    .contains(AgiChannelSession.DEAD);
        }
    }
}
