package com.callbackdesk.app;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How the command line refuses what it cannot run: each configuration error is one line naming
 * the file, the key and the problem; an unknown option or command is named with the usage; exit
 * status 2 and never a stack trace. Nothing here gets as far as starting the desk.
 */
class ConfigErrorCliTest {

    private record Run(int status, String out, String err) {
        /** The non-empty lines of stderr. */
        java.util.List<String> errLines() {
            return err.lines().filter(l -> !l.isBlank()).toList();
        }
    }

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.execute(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Exit 2, exactly one line on stderr naming the file and saying {@code expected}, no stack trace. */
    private static void assertOneLineRefusal(Run r, Path file, String... expected) {
        assertThat(r.status()).as(r.err()).isEqualTo(2);
        assertThat(r.errLines()).as(r.err()).hasSize(1);
        assertThat(r.errLines().get(0)).contains(file.toString()).contains(expected);
        assertNoStackTrace(r);
    }

    private static void assertNoStackTrace(Run r) {
        assertThat(r.err() + r.out()).doesNotContain("Exception", "at com.", "at java.", "at picocli.");
    }

    /** A configuration that would start nothing outside the temporary directory, plus {@code extra}. */
    private static Path config(Path dir, String extra) throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "database:\n  dataDir: " + dir.resolve("data") + "\nami:\n  enabled: false\n" + extra);
        return file;
    }

    @Test
    void aMissingConfigurationFile(@TempDir Path dir) {
        Path nowhere = dir.resolve("nowhere.yaml");
        assertOneLineRefusal(run("serve", "--config", nowhere.toString()), nowhere, "--config", "no such file");
        assertOneLineRefusal(run("demo", "--config", nowhere.toString()), nowhere, "--config", "no such file");
        assertOneLineRefusal(run("account", "list", "--config", nowhere.toString()), nowhere, "no such file");
    }

    @Test
    void aMisspeltKey(@TempDir Path dir) throws Exception {
        Path file = config(dir, "fastagi:\n  prot: 4573\n");
        assertOneLineRefusal(run("serve", "--config", file.toString()), file, "fastagi.prot", "unknown field",
                "port");
        assertOneLineRefusal(run("demo", "--config", file.toString()), file, "fastagi.prot", "unknown field");
    }

    @Test
    void aValueOfTheWrongType(@TempDir Path dir) throws Exception {
        Path file = config(dir, "fastagi:\n  port: \"abc\"\n");
        assertOneLineRefusal(run("serve", "--config", file.toString()), file, "fastagi.port", "whole number", "abc");
        Path yes = config(dir, "http:\n  secureCookies: sometimes\n");
        assertOneLineRefusal(run("serve", "--config", yes.toString()), yes, "http.secureCookies", "true or false");
    }

    @Test
    void anInvalidValue(@TempDir Path dir) throws Exception {
        Path file = config(dir, "fastagi:\n  port: 70000\n");
        assertOneLineRefusal(run("serve", "--config", file.toString()), file, "fastagi.port", "0..65535");
        Path zone = config(dir, "intake:\n  officeZone: Asia/Taipie\n");
        assertOneLineRefusal(run("serve", "--config", zone.toString()), zone, "intake.officeZone", "Asia/Taipie");
    }

    @Test
    void notYaml(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("desk.yaml");
        Files.writeString(file, "fastagi:\n  port: [4573\n");
        Run r = run("serve", "--config", file.toString());
        assertOneLineRefusal(r, file, "not valid YAML");
    }

    @Test
    void aFastAgiPortInUse(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path file = config(dir, "fastagi:\n  port: " + taken.getLocalPort() + "\nhttp:\n  port: 0\n");
            assertOneLineRefusal(run("serve", "--config", file.toString()), file, "fastagi.port",
                    "port " + taken.getLocalPort(), "already in use");
        }
    }

    @Test
    void anHttpPortInUse(@TempDir Path dir) throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Path file = config(dir, "fastagi:\n  port: 0\nhttp:\n  port: " + taken.getLocalPort() + "\n");
            assertOneLineRefusal(run("serve", "--config", file.toString()), file, "http.port",
                    "port " + taken.getLocalPort(), "already in use");
        }
    }

    @Test
    void anUnknownOptionIsRefusedWithTheUsage() {
        Map<String, String[]> unknownIn = Map.of(
                "--stya", new String[] {"demo", "--stya"},
                "--confg", new String[] {"serve", "--confg", "x.yaml"},
                "--frob", new String[] {"account", "list", "--frob"});
        for (Map.Entry<String, String[]> c : unknownIn.entrySet()) {
            String[] args = c.getValue();
            Run r = run(args);
            assertThat(r.status()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.errLines().get(0)).contains("Unknown option", c.getKey());
            assertThat(r.err()).contains("usage: callback-desk " + args[0]);
            assertNoStackTrace(r);
        }
    }

    @Test
    void anUnknownCommandIsRefusedWithTheUsage() {
        for (String command : new String[] {"serv", "sevre", "demo2"}) {
            Run r = run(command);
            assertThat(r.status()).as(command).isEqualTo(2);
            assertThat(r.errLines().get(0)).contains(command);
            assertThat(r.err()).contains("usage: callback-desk");
            assertNoStackTrace(r);
        }
        assertThat(run("serv").err()).contains("serve");   // did you mean
    }
}
