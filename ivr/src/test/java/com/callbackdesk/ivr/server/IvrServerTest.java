package com.callbackdesk.ivr.server;

import com.callbackdesk.ivr.testing.PbxLines;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.SimulatedPbx;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class IvrServerTest {

    @Test
    void routesEachScriptNameToItsScriptAndIgnoresTheQueryString() throws Exception {
        List<String> ran = new CopyOnWriteArrayList<>();
        try (IvrServer server = new IvrServer(IvrSettings.defaults().withPort(0))
                .register("intake", (request, channel) -> ran.add("intake " + request.getParameter("lang")))
                .register("survey", (request, channel) -> ran.add("survey"))
                .start()) {
            assertThat(server.port()).isPositive();

            try (SimulatedPbx line = PbxLines.runningScript(server.port(), "intake?lang=zh-TW")) {
                line.call(caller());
            }
            CallRecord survey;
            try (SimulatedPbx realSurvey = PbxLines.entering(server.port(), "survey")) {
                survey = realSurvey.call(caller());
            }

            assertThat(ran).containsExactly("intake zh-TW", "survey");
            assertThat(survey.finalVariables()).containsEntry("AJ_AGISTATUS", "SUCCESS");
            assertThat(server.scriptNames()).containsExactlyInAnyOrder("intake", "survey");
        }
    }

    @Test
    void unknownScriptIsReportedToAsteriskAsNotFound() throws Exception {
        try (IvrServer server = new IvrServer(IvrSettings.defaults().withPort(0))
                .register("intake", (request, channel) -> { }).start()) {
            CallRecord call;
            try (SimulatedPbx line = PbxLines.runningScript(server.port(), "intak")) {
                call = line.call(caller());
            }

            assertThat(call.finalVariables()).containsEntry("AJ_AGISTATUS", "NOT_FOUND");
        }
    }

    private static CallerPersona caller() {
        return CallerPersona.named("caller").callerId("+886223456789").callerIdName("Caller").build();
    }

    @Test
    void aPortInUseFailsStartLoudly() {
        try (IvrServer first = new IvrServer(IvrSettings.defaults().withPort(0))
                .register("intake", (request, channel) -> { }).start()) {
            IvrServer second = new IvrServer(IvrSettings.defaults().withPort(first.port()))
                    .register("intake", (request, channel) -> { });

            assertThatThrownBy(second::start).isInstanceOf(UncheckedIOException.class)
                    .hasMessageContaining(Integer.toString(first.port()));
        }
    }

    @Test
    void scriptsAreRegisteredBeforeStartOnly() {
        try (IvrServer server = new IvrServer(IvrSettings.defaults().withPort(0))
                .register("intake", (request, channel) -> { }).start()) {
            assertThatThrownBy(() -> server.register("late", (request, channel) -> { }))
                    .isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(() -> new IvrServer(IvrSettings.defaults()).register("intake", (r, c) -> { })
                    .register("intake", (r, c) -> { })).hasMessageContaining("twice");
        }
    }

    @Test
    void settingsRefuseAPoolThatCannotServe() {
        assertThatThrownBy(() -> IvrSettings.defaults().withPool(10, 5)).isInstanceOf(IllegalArgumentException.class);
        assertThat(IvrSettings.defaults().withPool(1, 5).maxPoolSize()).isEqualTo(5);
    }
}
