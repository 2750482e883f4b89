package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code ami} section: defaults for the demo's pbx-sim, every bad key named, unknown keys refused. */
class AmiConfigTest {

    @Test
    void defaultsReachManagerConfsUserOnLoopback() {
        AppConfig config = AppConfig.defaults();
        config.validate();
        assertThat(config.ami.enabled).isTrue();
        assertThat(config.ami.settings().host()).isEqualTo("127.0.0.1");
        assertThat(config.ami.settings().port()).isEqualTo(5038);
        assertThat(config.ami.settings().username()).isEqualTo("callbackdesk");
        assertThat(config.ami.settings().originateTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(config.ami.settings().reconcileInterval()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void badValuesAreNamedByKey() {
        AppConfig config = AppConfig.defaults();
        config.ami.port = 0;
        config.ami.secret = "";
        config.ami.endpointPattern = "alice";
        config.ami.resultTimeoutSeconds = 0;
        config.ami.reconcileIntervalSeconds = 0;

        assertThatThrownBy(config::validate).hasMessageContainingAll("ami.port: must be 1..65535",
                "ami.secret: required", "ami.endpointPattern:", "ami.resultTimeoutSeconds: must be a positive duration",
                "ami.reconcileIntervalSeconds: must be a positive duration");
    }

    @Test
    void aDisabledDialerIsNotValidated() {
        AppConfig config = AppConfig.defaults();
        config.ami.enabled = false;
        config.ami.port = 0;
        config.validate();
    }

    @Test
    void aYamlFileSetsTheDialerAndRefusesAMisspeltKey(@TempDir Path dir) throws Exception {
        Path good = dir.resolve("good.yaml");
        Files.writeString(good, "ami:\n  host: pbx.example\n  port: 5039\n  secret: s3cret\n"
                + "  endpointPattern: \"PJSIP/{login}\"\n  resultTimeoutSeconds: 90\n");
        AppConfig config = AppConfig.load(good);
        assertThat(config.ami.settings().port()).isEqualTo(5039);
        assertThat(config.ami.settings().resultTimeout()).isEqualTo(Duration.ofSeconds(90));
        assertThat(config.ami.settings().endpointPattern()).isEqualTo("PJSIP/{login}");

        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "ami:\n  hostname: pbx.example\n");
        assertThatThrownBy(() -> AppConfig.load(bad)).hasMessageContaining("hostname");
    }
}
