package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code ami.callerId} and {@code ami.callerIdByCategory}: the caller ID customers see, with
 * overrides per category, read from the YAML file; a malformed one is refused naming its key.
 */
class CallerIdConfigTest {

    @Test
    void theDeskLineAndACategoryLineAreReadFromTheFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "ami:\n  callerId: '\"Callback Desk\" <+886221234567>'\n"
                + "  callerIdByCategory:\n    BILLING: '\"Billing Desk\" <+886221234500>'\n");

        AppConfig config = AppConfig.load(file);

        assertThat(config.ami.settings().callerId()).isEqualTo("\"Callback Desk\" <+886221234567>");
        assertThat(config.ami.settings().callerIdFor("BILLING")).isEqualTo("\"Billing Desk\" <+886221234500>");
        assertThat(config.ami.settings().callerIdFor("CANNOT_CONNECT")).isEqualTo("\"Callback Desk\" <+886221234567>");
        assertThat(config.ami.settings().callerIdFor(null)).isEqualTo("\"Callback Desk\" <+886221234567>");
    }

    @Test
    void withoutTheKeyTheDemoPlaceholderIsUsed() {
        AppConfig config = AppConfig.defaults();
        config.validate();
        assertThat(config.ami.settings().callerId()).isEqualTo("\"Callback Desk\" <100>");
        assertThat(config.ami.settings().callerIdByCategory()).isEmpty();
    }

    @Test
    void aMalformedCallerIdIsOneLineNamingTheKey(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "ami:\n  callerId: 'Callback Desk 02-2123-4567'\n"
                + "  callerIdByCategory:\n    BILLING: '\"Billing, Finance\" <+886221234500>'\n");

        assertThatThrownBy(() -> AppConfig.load(file))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ami.callerId: must be \"Name\" <number>")
                .hasMessageContaining("was Callback Desk 02-2123-4567")
                .hasMessageContaining("ami.callerIdByCategory.BILLING: must be \"Name\" <number>");
    }

    @Test
    void anEmptyCallerIdAndAWrongTypeAreRefused(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.ami.callerId = " ";
        assertThatThrownBy(config::validate).hasMessageContaining("ami.callerId: required");

        Path file = dir.resolve("list.yaml");
        Files.writeString(file, "ami:\n  callerIdByCategory: ['\"Billing\" <+886221234500>']\n");
        assertThatThrownBy(() -> AppConfig.load(file)).hasMessageContaining("callerIdByCategory");
    }
}
