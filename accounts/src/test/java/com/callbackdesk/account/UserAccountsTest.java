package com.callbackdesk.account;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Accounts: PBKDF2 passwords, field-named refusals, audited changes — on H2 and PostgreSQL. */
class UserAccountsTest {

    private static final Actor SUE = Actor.supervisor("sue");
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T02:00:00Z"));
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private UserAccounts open(DatabaseSettings settings) {
        db = Database.open(settings);
        new ConsultantDirectory(db, clock).add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"),
                "PJSIP/alice", false), SUE, "hired");
        return new UserAccounts(db, clock, 1_000);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void createAuthenticateAndChangeWithAnAuditTrail(DatabaseSettings settings) {
        UserAccounts accounts = open(settings);
        UserAccount alice = accounts.create("alice", "Alice Chen", Role.CONSULTANT, "alice", "open sesame".toCharArray(),
                SUE, "new hire");
        assertThat(alice.consultant()).isEqualTo("alice");
        assertThat(accounts.authenticate("alice", "open sesame".toCharArray())).contains(alice);
        assertThat(accounts.authenticate("alice", "open sesamE".toCharArray())).isEmpty();
        assertThat(accounts.authenticate("nobody", "open sesame".toCharArray())).isEmpty();

        String stamp = accounts.credentialStamp("alice").orElseThrow();
        clock.advance(java.time.Duration.ofMinutes(1));
        accounts.setPassword("alice", "new password".toCharArray(), SUE, "forgot it");
        assertThat(accounts.credentialStamp("alice")).get().isNotEqualTo(stamp);
        assertThat(accounts.authenticate("alice", "open sesame".toCharArray())).isEmpty();
        assertThat(accounts.authenticate("alice", "new password".toCharArray())).isPresent();

        accounts.setRole("alice", Role.SUPERVISOR, SUE, "team lead");
        accounts.linkConsultant("alice", null, SUE, "no longer on the phones");
        assertThat(accounts.find("alice").orElseThrow().role()).isEqualTo(Role.SUPERVISOR);
        assertThat(accounts.find("alice").orElseThrow().consultant()).isNull();
        assertThat(accounts.history("alice")).extracting(e -> e.action() + " " + e.detail() + " by " + e.actor() + ": " + e.why())
                .containsExactly(
                        "CREATED role consultant, consultant alice, name Alice Chen by supervisor:sue: new hire",
                        "PASSWORD password changed; its console sessions ended by supervisor:sue: forgot it",
                        "ROLE role: consultant → supervisor by supervisor:sue: team lead",
                        "CONSULTANT consultant: alice → null by supervisor:sue: no longer on the phones");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void badInputIsRefusedNamingTheFieldAndWritesNothing(DatabaseSettings settings) {
        UserAccounts accounts = open(settings);
        char[] pw = "long enough".toCharArray();
        assertThatThrownBy(() -> accounts.create("Alice!", "A", Role.CONSULTANT, null, pw, SUE, "x"))
                .hasMessageStartingWith("login:");
        assertThatThrownBy(() -> accounts.create("bob", " ", Role.CONSULTANT, null, pw, SUE, "x"))
                .hasMessageStartingWith("displayName:");
        assertThatThrownBy(() -> accounts.create("bob", "Bob", Role.CONSULTANT, null, "short".toCharArray(), SUE, "x"))
                .hasMessageStartingWith("password:");
        assertThatThrownBy(() -> accounts.create("bob", "Bob", Role.CONSULTANT, "ghost", pw, SUE, "x"))
                .hasMessageStartingWith("consultant:");
        assertThatThrownBy(() -> accounts.create("bob", "Bob", Role.CONSULTANT, null, pw, SUE, " "))
                .hasMessageStartingWith("why:");
        assertThatThrownBy(() -> Role.parse("admin")).hasMessageStartingWith("role:");
        assertThat(accounts.list()).isEmpty();
        accounts.create("bob", "Bob", Role.CONSULTANT, null, pw, SUE, "x");
        assertThatThrownBy(() -> accounts.create("bob", "Bob", Role.SUPERVISOR, null, pw, SUE, "again"))
                .hasMessageStartingWith("login:");
        assertThat(accounts.history("bob")).hasSize(1);
    }
}
