package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.callback.CallerContacts;
import com.callbackdesk.routes.screenshot.ScreenshotRoute;
import com.callbackdesk.routes.screenshot.ScreenshotSettings;
import com.callbackdesk.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code http} and {@code screenshot} configuration sections and the {@code contact} command. */
class ScreenshotConfigTest {

    @TempDir
    Path dir;

    @Test
    void everyScreenshotKeyIsReadAndDefaultsNeedNoServer() throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, """
                http:
                  host: 0.0.0.0
                  port: 8443
                screenshot:
                  publicBaseUrl: https://desk.example.com/
                  mailUri: smtp://mail.example.com:587
                  mailFrom: desk@example.com
                  smsGatewayUri: undertow:https://sms.example.com/send
                  storeDir: /var/lib/desk/shots
                  maxUploadBytes: 2048
                  maxRedeliveries: 2
                  redeliveryDelay: 1m
                """);
        AppConfig config = AppConfig.load(file);
        ScreenshotSettings s = config.screenshot.settings(config.http.settings(), config.database.dataDir);

        assertThat(config.http.settings().port()).isEqualTo(8443);
        assertThat(s.uploadLink("abc")).isEqualTo("https://desk.example.com/s/abc");
        assertThat(s.mailUri()).isEqualTo("smtp://mail.example.com:587");
        assertThat(s.smsGatewayUri()).isEqualTo("undertow:https://sms.example.com/send");
        assertThat(s.storeDir()).isEqualTo(Path.of("/var/lib/desk/shots"));
        assertThat(s.maxUploadBytes()).isEqualTo(2048);
        assertThat(s.maxRedeliveries()).isEqualTo(2);
        assertThat(s.redeliveryDelay()).isEqualTo(Duration.ofMinutes(1));

        AppConfig defaults = AppConfig.defaults();
        ScreenshotSettings d = defaults.screenshot.settings(defaults.http.settings(), "data");
        assertThat(d.mailUri()).isEqualTo(ScreenshotRoute.OUTBOX);
        assertThat(d.smsGatewayUri()).isEqualTo(ScreenshotRoute.OUTBOX);
        assertThat(d.publicBaseUrl()).isEqualTo(defaults.http.settings().baseUrl());
        assertThat(defaults.http.settings().port()).isBetween(1, 65535);   // 0 = a free port
        assertThat(d.storeDir()).isEqualTo(Path.of("data", "screenshots"));
    }

    @Test
    void badValuesAreRefusedNamingTheirKey() throws Exception {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, """
                http:
                  port: 70000
                screenshot:
                  publicBaseUrl: desk.example.com
                """);
        assertThatThrownBy(() -> AppConfig.load(file)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("http.port").hasMessageContaining("screenshot.publicBaseUrl");

        Files.writeString(file, "screenshot:\n  redeliveryDelay: soon\n");
        assertThatThrownBy(() -> AppConfig.load(file)).hasMessageContaining("screenshot.redeliveryDelay");

        Files.writeString(file, "screenshot:\n  smsGateway: x\n");
        assertThatThrownBy(() -> AppConfig.load(file)).hasMessageContaining("smsGateway");
    }

    @Test
    void theContactCommandSetsAnAddressAndRefusesBadInputByField() {
        AppConfig config = AppConfig.defaults();
        config.database.dataDir = dir.resolve("data").toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = ContactCommand.run(new String[] {"--number", "+886912345678", "--email", "mei@example.tw",
                "--why", "asked on the phone", "--by", "sam"}, config, new PrintStream(out, true), new PrintStream(err, true));

        assertThat(exit).isZero();
        assertThat(out.toString()).contains("+886912345678");
        try (Database db = Database.open(config.database.settings())) {
            assertThat(new CallerContacts(db, Clock.systemUTC()).emailOf("+886912345678")).contains("mei@example.tw");
        }
        assertThat(ContactCommand.run(new String[] {"--number", "0912345678", "--email", "a@b.tw",
                "--why", "x"}, config, new PrintStream(out, true), new PrintStream(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("callbackNumber");
        err.reset();
        assertThat(ContactCommand.run(new String[] {"--number", "+886912345678", "--email", "nope",
                "--why", "x"}, config, new PrintStream(out, true), new PrintStream(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("email");
        err.reset();
        assertThat(ContactCommand.run(new String[] {"--number", "+886912345678"}, config,
                new PrintStream(out, true), new PrintStream(err, true))).isEqualTo(2);
        assertThat(err.toString()).contains("--email").contains("--why").contains("usage: contact");
    }
}
