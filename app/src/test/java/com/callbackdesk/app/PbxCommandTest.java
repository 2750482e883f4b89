package com.callbackdesk.app;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.pbxconfig.AsteriskConf;
import com.callbackdesk.pbxconfig.PbxConfigCheck;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.storage.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code callback-desk pbx config}: Asterisk's configuration from the desk's configuration and roster. */
class PbxCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(AppConfig config, Map<String, String> env, String... args) {
        out.reset();
        err.reset();
        return PbxCommand.run(args, config, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static AppConfig desk(Path dir) {
        AppConfig config = AppConfig.defaults();
        config.database.dataDir = dir.resolve("data").toString();
        config.fastagi.bindAddress = "0.0.0.0";
        config.pbx.deskAddress = "192.0.2.5";
        config.pbx.trunk.address = "203.0.113.10";
        config.pbx.trunk.match = List.of("203.0.113.0/24");
        config.pbx.trunk.username = "desk42";
        config.pbx.trunk.register = true;
        return config;
    }

    private static final Map<String, String> ENV = Map.of("CALLBACKDESK_AMI_SECRET", "ami-secret-from-env",
            "CALLBACKDESK_TRUNK_PASSWORD", "trunk-secret-from-env");

    private static void roster(AppConfig config) {
        try (Database db = Database.open(config.database.settings())) {
            ConsultantDirectory consultants = new ConsultantDirectory(db, Clock.systemUTC());
            Actor admin = Actor.system("test");
            consultants.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("CARDS"), "PJSIP/alice", false),
                    admin, "hired");
            consultants.add(new ConsultantProfile("bob", "Bob", "IN_HOUSE", Set.of("CARDS"), "PJSIP/bob.desk", true),
                    admin, "hired");
            consultants.add(new ConsultantProfile("carol", "Carol", "OUTSOURCED", Set.of("CARDS"),
                    "Local/carol@phones", false), admin, "hired");
            consultants.add(new ConsultantProfile("dave", "Dave", "IN_HOUSE", Set.of("CARDS"), "PJSIP/dave", false),
                    admin, "hired");
            consultants.setActive("dave", false, admin, "left");
        }
    }

    private static Map<String, String> read(Path dir) throws IOException {
        Map<String, String> files = new LinkedHashMap<>();
        for (String name : List.of("extensions.conf", "manager.conf", "pjsip.conf", "modules.conf")) {
            files.put(name, Files.readString(dir.resolve(name)));
        }
        return files;
    }

    @Test
    void writesAConfigurationThatHoldsTogetherWithOnePhonePerActiveConsultant(@TempDir Path dir) throws IOException {
        AppConfig config = desk(dir);
        roster(config);
        Path asterisk = dir.resolve("asterisk");

        assertThat(run(config, ENV, "config", "--out", asterisk.toString())).as(err.toString()).isZero();

        Map<String, String> files = read(asterisk);
        assertThat(PbxConfigCheck.problems(files)).isEmpty();
        AsteriskConf pjsip = AsteriskConf.parse("pjsip.conf", files.get("pjsip.conf"));
        assertThat(pjsip.objects("endpoint")).containsOnlyKeys("trunk", "operator", "alice", "bob.desk");
        assertThat(pjsip.objects("identify").get("trunk-identify").list("match")).containsExactly("203.0.113.0/24");
        assertThat(pjsip.objects("auth").get("trunk-auth").get("password")).contains("trunk-secret-from-env");
        assertThat(pjsip.objects("registration")).containsKey("trunk-registration");
        AsteriskConf manager = AsteriskConf.parse("manager.conf", files.get("manager.conf"));
        assertThat(manager.section("callbackdesk").orElseThrow().get("secret")).contains("ami-secret-from-env");
        assertThat(files.get("extensions.conf")).contains("FASTAGI=agi://192.0.2.5:4573",
                "CALLBACK_CALLERID=\"Callback Desk\" <100>");
        assertThat(files.get("modules.conf")).contains("autoload = no", "res_pjsip_outbound_registration.so");
        assertThat(Files.getPosixFilePermissions(asterisk.resolve("manager.conf")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        assertThat(Files.getPosixFilePermissions(asterisk.resolve("pjsip.conf")))
                .isEqualTo(PosixFilePermissions.fromString("rw-r-----"));
        String said = out.toString(StandardCharsets.UTF_8);
        assertThat(said).contains("phones: operator (operator), alice, bob.desk (bob)")
                .contains("not a PJSIP phone, nothing written: carol (Local/carol@phones)")
                .contains("new SIP passwords").doesNotContain("dave").doesNotContain("ami-secret-from-env");

        // A second run keeps the phones' passwords: nobody re-provisions a phone because the roster grew.
        String alicePassword = pjsip.objects("auth").get("alice-auth").get("password").orElseThrow();
        assertThat(run(config, ENV, "config", "--out", asterisk.toString())).isZero();
        AsteriskConf again = AsteriskConf.parse("pjsip.conf", Files.readString(asterisk.resolve("pjsip.conf")));
        assertThat(again.objects("auth").get("alice-auth").get("password")).contains(alicePassword);
        assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("new SIP passwords");
    }

    @Test
    void aMissingSecretOrAHostNameIsOneLineNamingItAndNothingIsWritten(@TempDir Path dir) {
        AppConfig config = desk(dir);
        Path asterisk = dir.resolve("asterisk");

        assertThat(run(config, Map.of("CALLBACKDESK_TRUNK_PASSWORD", "x"), "config", "--out", asterisk.toString()))
                .isEqualTo(2);
        String said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.strip()).doesNotContain("\n").contains("CALLBACKDESK_AMI_SECRET: not set");
        assertThat(asterisk).doesNotExist();

        config.pbx.trunk.address = "sip.carrier.example";
        config.pbx.trunk.match = List.of("sip.carrier.example");
        config.fastagi.port = 0;
        assertThat(run(config, ENV, "config", "--out", asterisk.toString())).isEqualTo(2);
        said = err.toString(StandardCharsets.UTF_8);
        assertThat(said.strip()).doesNotContain("\n").doesNotContain("Exception")
                .contains("pbx.trunk.address: must be an IP address, not a host name: sip.carrier.example")
                .contains("pbx.trunk.match: sip.carrier.example is not an IP address")
                .contains("fastagi.port");
        assertThat(asterisk).doesNotExist();

        AppConfig noDeskAddress = desk(dir);
        noDeskAddress.pbx.deskAddress = null;
        assertThat(run(noDeskAddress, ENV, "config", "--out", asterisk.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pbx.deskAddress: required when fastagi.bindAddress is 0.0.0.0");
    }

    @Test
    void thePbxSectionIsReadFromTheConfigurationFile(@TempDir Path dir) throws IOException {
        Path yaml = dir.resolve("callbackdesk.yaml");
        Files.writeString(yaml, """
                database:
                  dataDir: %s
                pbx:
                  trunk:
                    address: 198.51.100.7
                    codecs: [alaw]
                  operator:
                    endpoint: reception
                    contact: sip:reception@192.0.2.20:5060
                """.formatted(dir.resolve("data").toString().replace("\\", "/")));
        Path asterisk = dir.resolve("asterisk");
        assertThat(run(null, ENV, "config", "--config", yaml.toString(), "--out", asterisk.toString()))
                .as(err.toString()).isZero();
        Map<String, String> files = read(asterisk);
        assertThat(PbxConfigCheck.problems(files)).isEmpty();
        assertThat(files.get("extensions.conf")).contains("FASTAGI=agi://127.0.0.1:4573",
                "OPERATOR_ENDPOINT=PJSIP/reception");
        AsteriskConf pjsip = AsteriskConf.parse("pjsip.conf", files.get("pjsip.conf"));
        assertThat(pjsip.objects("aor").get("reception").get("contact")).contains("sip:reception@192.0.2.20:5060");
        assertThat(pjsip.objects("identify").get("trunk-identify").list("match")).containsExactly("198.51.100.7");
        assertThat(pjsip.objects("endpoint").get("trunk").get("allow")).contains("alaw");
        assertThat(files.get("modules.conf")).contains("codec_alaw.so").doesNotContain("codec_ulaw.so",
                "res_pjsip_outbound_registration");

        Files.writeString(yaml, "pbx:\n  trunk:\n    adress: 198.51.100.7\n");
        assertThat(run(null, ENV, "config", "--config", yaml.toString(), "--out", asterisk.toString())).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("pbx.trunk.adress");
    }

    @Test
    void theCommandIsOnTheJarsCommandLine(@TempDir Path dir) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int status = Main.execute(new String[] {"pbx", "config"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(status).isEqualTo(2);
        assertThat(e.toString(StandardCharsets.UTF_8)).contains("--out").contains("usage: callback-desk pbx config");
        status = Main.execute(new String[] {"pbx", "--help"}, new PrintStream(o, true, StandardCharsets.UTF_8),
                new PrintStream(e, true, StandardCharsets.UTF_8));
        assertThat(status).isZero();
        assertThat(o.toString(StandardCharsets.UTF_8)).contains("config");
    }
}
