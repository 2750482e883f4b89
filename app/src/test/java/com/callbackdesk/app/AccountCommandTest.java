package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.storage.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callback-desk account ...}: accounts on the configured database, password from stdin, audited. */
class AccountCommandTest {

    private final InputStream stdin = System.in;

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(AppConfig config, String stdinText, ByteArrayOutputStream out, String... args) {
        System.setIn(new ByteArrayInputStream(stdinText.getBytes(StandardCharsets.UTF_8)));
        err.reset();
        return AccountCommand.run(args, config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void createsListsAndChangesAccounts(@TempDir Path dir) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.database.dataDir = dir.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(run(config, "sue's long password\n", out, "create", "sue", "--role", "supervisor", "--name", "Sue Lin",
                "--why", "new supervisor")).isZero();
        assertThat(run(config, "", out, "role", "sue", "consultant")).isZero();
        assertThat(run(config, "another password\n", out, "set-password", "sue")).isZero();
        assertThat(run(config, "", out, "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("created sue (supervisor)")
                .contains("sue is now consultant").contains("password of sue changed").contains("Sue Lin");
        assertThat(run(config, "x\n", out, "create", "bob")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("--role:");
        assertThat(run(config, "short\n", out, "create", "bob", "--role", "consultant")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).startsWith("password:");

        try (Database db = Database.open(config.database.settings())) {
            UserAccounts accounts = new UserAccounts(db, Clock.systemUTC());
            assertThat(accounts.find("sue").orElseThrow().role()).isEqualTo(Role.CONSULTANT);
            assertThat(accounts.authenticate("sue", "another password".toCharArray())).isPresent();
            assertThat(accounts.history("sue")).extracting(e -> e.action() + " " + e.why())
                    .containsExactly("CREATED new supervisor", "ROLE account command", "PASSWORD account command");
            assertThat(accounts.history("sue").get(0).actor().toString()).startsWith("system:cli:");
        }
    }

    @Test
    void badUsageIsRefusedWithTheUsageAndExitTwo(@TempDir Path dir) {
        AppConfig config = AppConfig.defaults();
        config.database.dataDir = dir.toString();
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        assertThat(run(config, "", out, "lsit")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("lsit").contains("usage: account");
        assertThat(run(config, "", out, "list", "--colour")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("--colour").contains("usage: account list");
        assertThat(run(config, "", out, "role", "sue")).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("ROLE");
        assertThat(run(config, "", out)).isEqualTo(2);
        assertThat(run(config, "", out, "create", "--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("usage: account create", "--role", "--why", "--config");
    }
}
