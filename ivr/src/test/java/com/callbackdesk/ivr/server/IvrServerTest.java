package com.callbackdesk.ivr.server;

import com.callbackdesk.ivr.testing.WireCaller;
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

            new WireCaller("+886223456789", "1.1").script("intake?lang=zh-TW").call(server.port());
            WireCaller survey = new WireCaller("+886223456789", "1.2").script("survey").call(server.port());

            assertThat(ran).containsExactly("intake zh-TW", "survey");
            assertThat(survey.variables()).containsEntry("AJ_AGISTATUS", "SUCCESS");
            assertThat(server.scriptNames()).containsExactlyInAnyOrder("intake", "survey");
        }
    }

    @Test
    void unknownScriptIsReportedToAsteriskAsNotFound() throws Exception {
        try (IvrServer server = new IvrServer(IvrSettings.defaults().withPort(0))
                .register("intake", (request, channel) -> { }).start()) {
            WireCaller caller = new WireCaller("+886223456789", "1.3").script("intak").call(server.port());

            assertThat(caller.variables()).containsEntry("AJ_AGISTATUS", "NOT_FOUND");
        }
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
