package com.callbackdesk.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The jar's command line: {@code --help} on every command, a misspelt command or option refused with
 * the usage and exit status 2 — without starting anything (no command here gets as far as a port).
 */
class MainCliTest {

    private record Run(int status, String out, String err) {
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void everyCommandHasHelp() {
        Run top = run("--help");
        assertThat(top.status()).isZero();
        assertThat(top.out()).contains("usage: callback-desk", "demo", "serve", "contact", "account", "what-if");
        assertThat(run("help").out()).contains("usage: callback-desk");
        assertThat(run("help", "serve").out()).contains("usage: callback-desk serve", "--config");
        assertThat(run("demo", "--help").out()).contains("usage: callback-desk demo", "--stay", "--keep-open", "--config");
        assertThat(run("serve", "-h").out()).contains("usage: callback-desk serve", "--config");
        assertThat(run("contact", "--help").out()).contains("usage: callback-desk contact", "--number", "--email", "--why",
                "--by");
        assertThat(run("account", "--help").out()).contains("usage: callback-desk account", "create", "set-password",
                "role", "list");
        assertThat(run("account", "create", "--help").out()).contains("usage: callback-desk account create", "--role");
        assertThat(run("what-if", "--help").out()).contains("usage: what-if --scenario", "--policy", "--json");
    }

    @Test
    void aMisspeltOptionIsRefusedWithExitTwo() {
        Run r = run("demo", "--stya");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("--stya", "usage: callback-desk demo");
        assertThat(run("serve", "--confg", "x.yaml").status()).isEqualTo(2);
        assertThat(run("serve", "--config").status()).isEqualTo(2);
        assertThat(run("what-if", "--frobnicate").status()).isEqualTo(2);
    }

    @Test
    void aMisspeltOrMissingCommandIsRefusedWithExitTwo() {
        Run r = run("sevre");
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("sevre", "serve", "usage: callback-desk");
        Run none = run();
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("usage: callback-desk");
    }

    @Test
    void aBadConfigurationIsRefusedNamingTheKeyWithExitTwo(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "ami:\n  port: 0\nfastagi:\n  prot: 4573\n");
        Run r = run("serve", "--config", file.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.err()).contains("fastagi.prot");
        Run missing = run("demo", "--config", dir.resolve("nowhere.yaml").toString());
        assertThat(missing.status()).isEqualTo(2);
        assertThat(missing.err()).contains("nowhere.yaml");
    }
}
