package com.callbackdesk.account;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.testing.MutableClock;
import com.callbackdesk.storage.Database;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The stores behind the API's login: {@link Sessions} (unknown, ended, swept) and
 * {@link LoginThrottle} (when more than the maximum were recorded — two nodes racing — the wait
 * runs until fewer than the maximum remain) — on H2 and PostgreSQL.
 */
class SessionsAndThrottleTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T02:00:00Z"));
    private Database db;

    @AfterEach
    void close() {
        if (db != null) {
            db.close();
        }
    }

    private void open(DatabaseSettings settings) {
        db = Database.open(settings);
        UserAccounts accounts = new UserAccounts(db, clock, 1_000);
        for (String login : new String[] {"alice", "bob"}) {
            accounts.create(login, login, Role.SUPERVISOR, null, "a long password".toCharArray(), Actor.system("test"),
                    "test account");
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void sessionsAreFoundByTokenEndedAndSwept(DatabaseSettings settings) {
        open(settings);
        Sessions sessions = new Sessions(db, clock);
        Sessions otherNode = new Sessions(db, clock);
        String alice = sessions.open("alice");
        String bob = sessions.open("bob");
        assertThat(alice).isNotEqualTo(bob).hasSizeGreaterThanOrEqualTo(43);

        assertThat(otherNode.login(alice)).contains("alice");
        assertThat(otherNode.login("forged")).isEmpty();
        assertThat(otherNode.login(null)).isEmpty();
        assertThat(otherNode.login("")).isEmpty();

        otherNode.close(bob);
        assertThat(sessions.login(bob)).isEmpty();
        otherNode.close("forged"); // nothing to end: no error

        clock.advance(Sessions.IDLE.plusSeconds(1));
        assertThat(sessions.sweep()).isEqualTo(1);
        assertThat(sessions.login(alice)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aPasswordChangeEndsEverySessionOfThatAccountOnly(DatabaseSettings settings) {
        open(settings);
        Sessions sessions = new Sessions(db, clock);
        UserAccounts accounts = new UserAccounts(db, clock, 1_000);
        String aliceHere = sessions.open("alice");
        String aliceThere = sessions.open("alice");
        String bob = sessions.open("bob");

        accounts.setPassword("alice", "another long password".toCharArray(), Actor.supervisor("sue"),
                "alice thinks her password was seen");

        assertThat(sessions.login(aliceHere)).isEmpty();
        assertThat(sessions.login(aliceThere)).isEmpty();
        assertThat(sessions.login(bob)).contains("bob");
        assertThat(accounts.history("alice")).anySatisfy(e -> assertThat(e.toString())
                .contains("PASSWORD").contains("console sessions ended"));
        assertThat(sessions.login(sessions.open("alice"))).contains("alice"); // logging in again works
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void moreFailuresThanTheMaximumBlockUntilFewerThanTheMaximumRemain(DatabaseSettings settings) {
        open(settings);
        LoginThrottle a = new LoginThrottle(db, clock);
        LoginThrottle b = new LoginThrottle(db, clock);
        for (int i = 0; i < 7; i++) { // two nodes each let a check through before the other's failure landed
            (i % 2 == 0 ? a : b).failed("alice");
            clock.advance(Duration.ofMinutes(1));
        }
        // failures at 0..6 min, now 7 min: allowed again when the one at 2 min is 15 min old (10 min from now)
        assertThatThrownBy(() -> b.requireAllowed("alice")).isInstanceOfSatisfying(LoginThrottledException.class,
                e -> {
                    assertThat(e.retryAfterSeconds()).isEqualTo(600);
                    assertThat(e.login()).isEqualTo("alice");
                    assertThat(e.getMessage()).isEqualTo("too many failed logins for alice; try again in 10 minutes");
                });
        a.requireAllowed("bob");

        String longLogin = "x".repeat(300); // no account's, but its failures count all the same
        for (int i = 0; i < LoginThrottle.MAX_FAILURES; i++) {
            a.failed(longLogin);
        }
        assertThatThrownBy(() -> b.requireAllowed(longLogin)).isInstanceOf(LoginThrottledException.class);

        clock.advance(Duration.ofMinutes(10));
        b.requireAllowed("alice");
        a.succeeded("alice");
        clock.advance(Duration.ofMinutes(15));
        a.failed("bob"); // sweeps every failure older than the window
        a.requireAllowed(longLogin);
    }
}
