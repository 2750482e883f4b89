package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Secrets from the environment over the file, and every problem of a file reported at once by key. */
class SecretsConfigTest {

    @TempDir
    Path dir;

    @Test
    void secretsFromTheEnvironmentReplaceTheFilesValues() throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, """
                database:
                  url: jdbc:postgresql://db.example:5432/desk
                  password: in-the-file
                ami:
                  secret: in-the-file
                screenshot:
                  mailUri: smtp://mail.example.com:587?username=old&password=old
                  smsGatewayUri: undertow:https://sms.example.com/send
                """);
        AppConfig config = AppConfig.load(file, Map.of(
                "CALLBACKDESK_DATABASE_PASSWORD", "db-secret",
                "CALLBACKDESK_AMI_SECRET", "ami-secret",
                "CALLBACKDESK_SMTP_USERNAME", "desk",
                "CALLBACKDESK_SMTP_PASSWORD", "p&ss=word",
                "CALLBACKDESK_SMS_GATEWAY_URI", "undertow:https://sms.example.com/send?apiKey=k"));

        assertThat(config.database.settings().password()).isEqualTo("db-secret");
        assertThat(config.ami.settings().secret()).isEqualTo("ami-secret");
        assertThat(config.screenshot.mailUri)
                .isEqualTo("smtp://mail.example.com:587?username=RAW(desk)&password=RAW(p&ss=word)");
        assertThat(config.screenshot.smsGatewayUri).isEqualTo("undertow:https://sms.example.com/send?apiKey=k");

        AppConfig untouched = AppConfig.load(file, Map.of("CALLBACKDESK_AMI_SECRET", ""));
        assertThat(untouched.ami.secret).isEqualTo("in-the-file");
        assertThat(untouched.screenshot.mailUri).isEqualTo("smtp://mail.example.com:587?username=old&password=old");
    }

    @Test
    void anSmtpLoginIsAddedToAUriWithoutOne() throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "screenshot:\n  mailUri: smtp://mail.example.com:587\n");
        AppConfig config = AppConfig.load(file, Map.of("CALLBACKDESK_SMTP_PASSWORD", "s3cret"));
        assertThat(config.screenshot.mailUri).isEqualTo("smtp://mail.example.com:587?password=RAW(s3cret)");
        AppConfig outbox = AppConfig.load(Files.writeString(dir.resolve("o.yaml"), "ami:\n  port: 5038\n"),
                Map.of("CALLBACKDESK_SMTP_PASSWORD", "s3cret"));
        assertThat(outbox.screenshot.mailUri).isEqualTo("outbox");
    }

    @Test
    void everyProblemOfAFileAtOnceEachByItsKey() throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, """
                database:
                  poolSize: many
                fastagi:
                  prot: 4573
                ami:
                  port: 0
                  pingIntervalSeconds: 0
                scheduling:
                  partitions: 40
                screenshot:
                  redeliveryDelay: 1.5h
                  publicBaseUrl: desk.example.com
                """);
        assertThatThrownBy(() -> AppConfig.load(file, Map.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContainingAll(
                        "database.poolSize: must be a whole number, was 'many'",
                        "fastagi.prot: unknown field (expected one of bindAddress, maxCalls, port)",
                        "ami.port: must be 1..65535, was 0",
                        "ami.pingIntervalSeconds: must be a positive duration",
                        "scheduling.partitions: must be 1..32",
                        "screenshot.publicBaseUrl: must start with http:// or https://");
    }
}
