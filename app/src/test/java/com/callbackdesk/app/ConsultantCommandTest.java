package com.callbackdesk.app;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccount;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.consultant.ConsultantAuditEntry;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code callback-desk consultant ...} and {@code account create --consultant} on a fresh desk, on
 * H2 and PostgreSQL: the roster set up from the command line alone, every change audited, bad input
 * refused in one line naming the field.
 */
class ConsultantCommandTest {

    @TempDir
    static Path dir;

    private final InputStream stdin = System.in;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void restore() {
        System.setIn(stdin);
    }

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of(Named.of("H2", (Consumer<AppConfig>) c -> c.database.dataDir = dir.resolve("h2-"
                        + System.nanoTime()).toString())),
                Arguments.of(Named.of("PostgreSQL", (Consumer<AppConfig>) c -> {
                    var pg = TestDatabases.postgres();
                    c.database.url = pg.jdbcUrl();
                    c.database.user = pg.user();
                    c.database.password = pg.password();
                    c.database.dataDir = dir.resolve("pg-" + System.nanoTime()).toString();
                })));
    }

    private int account(AppConfig config, String stdinText, String... args) {
        System.setIn(new ByteArrayInputStream(stdinText.getBytes(StandardCharsets.UTF_8)));
        err.reset();
        return AccountCommand.run(args, config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int consultant(AppConfig config, String... args) {
        err.reset();
        return ConsultantCommand.run(args, config, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    private static <T> T onDesk(AppConfig config, java.util.function.Function<Desk, T> read) {
        try (Database db = Database.open(config.database.settings())) {
            return read.apply(CallbackDesk.deskOn(db, config, Clock.systemUTC()));
        }
    }

    @ParameterizedTest
    @MethodSource("databases")
    void theDeploymentGuidesAccountCommandsWorkOnAFreshDesk(Consumer<AppConfig> database) {
        AppConfig config = AppConfig.defaults();
        database.accept(config);

        // docs/DEPLOYMENT.md, as written
        assertThat(account(config, "alice's password\n", "create", "alice", "--role", "consultant", "--consultant",
                "alice", "--name", "Alice Chen")).as(err()).isZero();
        assertThat(account(config, "sue's password\n", "create", "sue", "--role", "supervisor", "--name", "Sue Lin"))
                .as(err()).isZero();
        assertThat(account(config, "a new password\n", "set-password", "alice", "--why", "forgot it")).isZero();
        assertThat(account(config, "", "role", "alice", "supervisor")).isZero();
        assertThat(account(config, "", "list")).isZero();
        // a supervisor who takes the queue too
        assertThat(account(config, "sam's password\n", "create", "sam", "--role", "supervisor", "--consultant", "sam",
                "--name", "Sam Wu")).as(err()).isZero();
        // a supervisor who already has an account starts taking the queue
        assertThat(account(config, "", "link", "sue", "--consultant", "sue", "--why", "covers the press line"))
                .as(err()).isZero();
        assertThat(account(config, "", "link", "sue")).isEqualTo(2);
        assertThat(err()).startsWith("--consultant:");
        assertThat(account(config, "", "link", "nobody", "--consultant", "x")).isEqualTo(1);
        // an account linked to a consultant who is already on the roster
        assertThat(consultant(config, "add", "bob", "--name", "Bob Tan", "--skills", "NAS")).as(err()).isZero();
        assertThat(account(config, "bob's password\n", "create", "bob", "--role", "consultant", "--consultant", "bob"))
                .as(err()).isZero();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("created alice (consultant, consultant alice (added: Alice Chen, IN_HOUSE, skills "
                        + "ACCOUNT_APP,CAMERA,NAS,ROUTER, PJSIP/alice))")
                .contains("created bob (consultant, consultant bob)")
                .contains("sue works the queue as sue (added: Sue Lin, IN_HOUSE, skills ACCOUNT_APP,CAMERA,NAS,ROUTER,"
                        + " PJSIP/sue, supervisor)");
        onDesk(config, desk -> {
            Consultant alice = desk.roster().find("alice").orElseThrow();
            assertThat(alice.profile().displayName()).isEqualTo("Alice Chen");
            assertThat(alice.group()).isEqualTo("IN_HOUSE");
            assertThat(alice.skills()).containsExactly("ACCOUNT_APP", "CAMERA", "NAS", "ROUTER");
            assertThat(alice.endpoint()).isEqualTo("PJSIP/alice");
            assertThat(alice.supervisor()).isFalse();
            assertThat(desk.roster().find("sam").orElseThrow().supervisor()).isTrue();
            assertThat(desk.roster().find("sue").orElseThrow().supervisor()).as("added by link").isTrue();
            assertThat(desk.accounts().find("sue").map(UserAccount::consultant)).contains("sue");
            assertThat(desk.roster().find("bob").orElseThrow().skills()).containsExactly("NAS");
            assertThat(desk.accounts().find("alice").map(UserAccount::consultant)).contains("alice");
            assertThat(desk.accounts().find("sam").map(UserAccount::role)).contains(Role.SUPERVISOR);
            assertThat(desk.roster().history("alice")).extracting(ConsultantAuditEntry::action).containsExactly("ADDED");
            assertThat(desk.roster().history("alice").get(0).actor().toString()).startsWith("system:cli:");
            return null;
        });
        // the account is refused before any consultant is added for it
        assertThat(account(config, "short\n", "create", "carol", "--role", "consultant", "--consultant", "carol"))
                .isEqualTo(2);
        assertThat(err()).startsWith("password:");
        assertThat(account(config, "carol's password\n", "create", "Carol!", "--role", "consultant", "--consultant",
                "carol")).isEqualTo(2);
        assertThat(err()).startsWith("login:").hasLineCount(1);
        assertThat(account(config, "carol's password\n", "create", "carol", "--role", "consultant", "--consultant",
                "Carol!")).isEqualTo(2);
        assertThat(err()).startsWith("--consultant: must be").hasLineCount(1);
        boolean carolAdded = onDesk(config, desk -> desk.roster().find("carol").isPresent());
        assertThat(carolAdded).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void addEditDeactivateAndListTheRoster(Consumer<AppConfig> database) {
        AppConfig config = AppConfig.defaults();
        database.accept(config);

        assertThat(consultant(config, "add", "bob", "--name", "Bob Tan", "--group", "outsourced-acme", "--skills",
                "router,nas", "--categories", "cannot_connect", "--languages", "en,zh-tw", "--endpoint",
                "Local/1002@consultants", "--why", "hired for the peak")).as(err()).isZero();
        assertThat(consultant(config, "edit", "bob", "--supervisor", "true", "--languages", "zh-TW",
                "--why", "promoted")).as(err()).isZero();
        assertThat(consultant(config, "list")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains("added bob (Bob Tan, OUTSOURCED-ACME, skills NAS,ROUTER, categories CANNOT_CONNECT,"
                        + " languages en,zh-TW, Local/1002@consultants)")
                .containsPattern("bob +Bob Tan +OUTSOURCED-ACME +yes +AWAY +Local/1002@consultants +NAS,ROUTER / zh-TW"
                        + " +\\(supervisor\\)");
        assertThat(consultant(config, "deactivate", "bob", "--why", "contract ended")).as(err()).isZero();
        onDesk(config, desk -> {
            Consultant bob = desk.roster().find("bob").orElseThrow();
            assertThat(bob.active()).isFalse();
            assertThat(bob.supervisor()).isTrue();
            assertThat(bob.profile().languages()).containsExactly("zh-TW");
            assertThat(desk.roster().history("bob")).extracting(ConsultantAuditEntry::action, ConsultantAuditEntry::why)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("ADDED", "hired for the peak"),
                            org.assertj.core.groups.Tuple.tuple("UPDATED", "promoted"),
                            org.assertj.core.groups.Tuple.tuple("ACTIVE", "contract ended"));
            assertThat(desk.roster().history("bob").get(1).detail())
                    .contains("supervisor: false → true").contains("languages: [en, zh-TW] → [zh-TW]");
            return null;
        });

        // bad input: one line naming the field, exit 2, nothing written
        assertThat(consultant(config, "add", "carol", "--name", "Carol", "--endpoint", "SIP/carol")).isEqualTo(2);
        assertThat(err()).startsWith("endpoint: must be PJSIP/<endpoint>").hasLineCount(1);
        assertThat(consultant(config, "add", "carol", "--name", "Carol", "--languages", "english!")).isEqualTo(2);
        assertThat(err()).startsWith("languages:").hasLineCount(1);
        assertThat(consultant(config, "add", "carol", "--name", "Carol", "--group", "in house?")).isEqualTo(2);
        assertThat(err()).startsWith("group:").hasLineCount(1);
        assertThat(consultant(config, "add", "Carol!", "--name", "Carol")).isEqualTo(2);
        assertThat(err()).startsWith("login:").hasLineCount(1);
        assertThat(consultant(config, "add", "carol")).isEqualTo(2);
        assertThat(err()).startsWith("--name: required").hasLineCount(1);
        assertThat(consultant(config, "add", "bob", "--name", "Bob again")).isEqualTo(2);
        assertThat(err()).startsWith("login: consultant bob already exists").hasLineCount(1);
        assertThat(consultant(config, "edit", "nobody", "--name", "X")).isEqualTo(1);
        assertThat(err()).startsWith("no consultant nobody").hasLineCount(1);
        assertThat(consultant(config, "edit", "bob", "--supervisor", "maybe")).isEqualTo(2);
        assertThat(err()).contains("--supervisor");
        assertThat(consultant(config, "lsit")).isEqualTo(2);
        assertThat(err()).contains("lsit").contains("usage: consultant");
        boolean carolAdded = onDesk(config, desk -> desk.roster().find("carol").isPresent());
        assertThat(carolAdded).isFalse();
    }
}
