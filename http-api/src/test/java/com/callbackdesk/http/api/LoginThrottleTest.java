package com.callbackdesk.http.api;

import com.callbackdesk.account.LoginThrottle;
import com.callbackdesk.storage.TestDatabases;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Failed-login throttling over real HTTP: 5 failures for a login within 15 minutes → 429 with
 * Retry-After, without a password check, for POST /api/login and HTTP Basic alike; a success
 * resets the count; the wait follows the injected clock. On H2; across nodes and on PostgreSQL
 * see {@link ClusteredSessionsApiTest}.
 */
class LoginThrottleTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private ApiFixture.Reply login(String login, String password) throws Exception {
        return f.post("/api/login", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}",
                ApiFixture.Auth.NONE);
    }

    @Test
    void fiveFailuresBlockTheLoginUntilTheOldestIsFifteenMinutesOld() throws Exception {
        f = new ApiFixture(TestDatabases.h2());
        f.consultant("alice", "ROUTER");
        f.consultant("bob", "ROUTER");

        for (int i = 1; i <= 5; i++) {
            assertThat(login("alice", "wrong " + i).status()).as("failure %d", i).isEqualTo(401);
            if (i == 1) {
                f.clock.advance(Duration.ofMinutes(2)); // the oldest failure is 2 minutes older than the rest
            }
        }

        ApiFixture.Reply blocked = login("alice", ApiFixture.PASSWORD);
        assertThat(blocked.status()).as("the right password is not even checked").isEqualTo(429);
        assertThat(blocked.json().get("error").asText()).isEqualTo("too_many_requests");
        assertThat(blocked.header("Retry-After")).isEqualTo("780"); // 15 min after the oldest = 13 min from now
        assertThat(blocked.json().get("message").asText()).contains("alice").contains("13 minutes");
        assertThat(blocked.header("Set-Cookie")).isNull();

        assertThat(login("bob", ApiFixture.PASSWORD).status()).as("other logins are not affected").isEqualTo(200);
        ApiFixture.Reply basic = f.get("/api/me", ApiFixture.Auth.basic("alice", ApiFixture.PASSWORD));
        assertThat(basic.status()).as("HTTP Basic is throttled too").isEqualTo(429);
        assertThat(basic.header("Retry-After")).isEqualTo("780");

        f.clock.advance(Duration.ofMinutes(13).minusSeconds(1));
        assertThat(login("alice", ApiFixture.PASSWORD).status()).isEqualTo(429);
        assertThat(login("alice", ApiFixture.PASSWORD).header("Retry-After")).isEqualTo("1");

        f.clock.advance(Duration.ofSeconds(1));
        assertThat(login("alice", ApiFixture.PASSWORD).status()).as("the oldest failure has aged out").isEqualTo(200);
    }

    @Test
    void httpBasicFailuresCountAndASuccessResetsTheCount() throws Exception {
        f = new ApiFixture(TestDatabases.h2());
        f.consultant("alice", "ROUTER");

        for (int i = 0; i < 4; i++) {
            assertThat(f.get("/api/me", ApiFixture.Auth.basic("alice", "wrong")).status()).isEqualTo(401);
        }
        assertThat(login("alice", ApiFixture.PASSWORD).status()).as("4 failures do not block").isEqualTo(200);

        for (int i = 0; i < 4; i++) {
            assertThat(login("alice", "wrong").status()).as("the success reset the count").isEqualTo(401);
        }
        assertThat(f.get("/api/me", ApiFixture.Auth.basic("alice", "wrong")).status()).as("5th failure").isEqualTo(401);
        ApiFixture.Reply blocked = f.get("/api/me", ApiFixture.Auth.basic("alice", ApiFixture.PASSWORD));
        assertThat(blocked.status()).isEqualTo(429);
        assertThat(blocked.header("Retry-After")).isEqualTo("900");
        assertThat(blocked.json().get("message").asText()).contains("15 minutes");

        f.clock.advance(Duration.ofMinutes(15));
        assertThat(f.get("/api/me", ApiFixture.Auth.basic("alice", ApiFixture.PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void failuresOlderThanFifteenMinutesDoNotCount() throws Exception {
        f = new ApiFixture(TestDatabases.h2());
        f.consultant("alice", "ROUTER");
        for (int i = 0; i < 4; i++) {
            assertThat(login("alice", "wrong").status()).isEqualTo(401);
        }
        f.clock.advance(Duration.ofMinutes(15));
        assertThat(login("alice", "wrong").status()).isEqualTo(401);
        assertThat(login("alice", ApiFixture.PASSWORD).status()).as("only 1 failure in the window").isEqualTo(200);
    }

    @Test
    void waitIsWrittenInMinutesAndSeconds() {
        assertThat(LoginThrottle.waitText(900)).isEqualTo("15 minutes");
        assertThat(LoginThrottle.waitText(61)).isEqualTo("1 minute 1 second");
        assertThat(LoginThrottle.waitText(40)).isEqualTo("40 seconds");
    }
}
