package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code http} section: plain-HTTP cookies by default, {@code secureCookies} from YAML, bad values named by key. */
class HttpConfigTest {

    @Test
    void cookiesAreNotSecureByDefault() {
        AppConfig config = AppConfig.defaults();
        config.validate();
        assertThat(config.http.settings().secureCookies()).isFalse();
    }

    @Test
    void aYamlFileAsksForSecureCookies(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "http:\n  host: 0.0.0.0\n  port: 8443\n  secureCookies: true\n");
        AppConfig config = AppConfig.load(file);
        assertThat(config.http.settings().secureCookies()).isTrue();
        assertThat(config.http.settings().port()).isEqualTo(8443);
    }

    @Test
    void badValuesAreNamedByKey(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.http.secureCookies = null;
        config.http.port = -1;
        assertThatThrownBy(config::validate).hasMessageContainingAll("http.secureCookies: must be true or false",
                "http.port: must be 0..65535");

        Path empty = dir.resolve("empty.yaml");
        Files.writeString(empty, "http:\n  secureCookies:\n");
        assertThatThrownBy(() -> AppConfig.load(empty)).hasMessageContaining("http.secureCookies");

        Path word = dir.resolve("word.yaml");
        Files.writeString(word, "http:\n  secureCookies: sometimes\n");
        assertThatThrownBy(() -> AppConfig.load(word)).hasMessageContaining("secureCookies");
    }

    @Test
    void theListenersLimitsComeFromYaml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("limits.yaml");
        Files.writeString(file, "http:\n  maxRequestBytes: 1048576\n  requestTimeout: 1.5m\n");
        AppConfig config = AppConfig.load(file);
        assertThat(config.http.settings().maxRequestBytes()).isEqualTo(1_048_576L);
        assertThat(config.http.settings().requestTimeout()).isEqualTo(java.time.Duration.ofSeconds(90));

        Path bad = dir.resolve("bad-limits.yaml");
        Files.writeString(bad, "http:\n  maxRequestBytes: 0\n  requestTimeout: soon\n");
        assertThatThrownBy(() -> AppConfig.load(bad)).hasMessageContainingAll("http.requestTimeout",
                "http.maxRequestBytes: must be a positive number of bytes");
    }
}
