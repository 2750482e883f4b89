package com.callbackdesk.http.api;

import com.callbackdesk.account.Role;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.ResultSet;
import java.sql.Statement;

import static org.assertj.core.api.Assertions.assertThat;

/** Login with a session cookie, HTTP Basic, logout; 401 without or with bad credentials, 403 for the wrong role. */
class AuthApiTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void loginSetsAnHttpOnlySessionCookieThatLogoutEnds(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");

        ApiFixture.Reply login = f.post("/api/login", "{\"login\":\"alice\",\"password\":\"" + ApiFixture.PASSWORD + "\"}",
                ApiFixture.Auth.NONE);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("role").asText()).isEqualTo("consultant");
        assertThat(login.json().get("consultant").asText()).isEqualTo("alice");
        assertThat(login.header("Set-Cookie")).startsWith(ApiAuth.COOKIE + "=").contains("HttpOnly").contains("Path=/");

        ApiFixture.Auth session = f.login("alice");
        ApiFixture.Reply me = f.get("/api/me", session);
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("login").asText()).isEqualTo("alice");
        assertThat(me.json().get("consultant").get("state").asText()).isEqualTo("AVAILABLE");
        assertThat(me.header("Cookie")).as("request headers are not echoed").isNull();

        assertThat(f.post("/api/logout", null, session).status()).isEqualTo(204);
        ApiFixture.Reply after = f.get("/api/me", session);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("error").asText()).isEqualTo("unauthorized");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void withoutOrWithBadCredentialsIs401(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");

        assertThat(f.get("/api/queue", ApiFixture.Auth.NONE).status()).isEqualTo(401);
        assertThat(f.post("/api/login", "{\"login\":\"alice\",\"password\":\"wrong password\"}", ApiFixture.Auth.NONE)
                .status()).isEqualTo(401);
        assertThat(f.post("/api/login", "{\"login\":\"nobody\",\"password\":\"wrong password\"}", ApiFixture.Auth.NONE)
                .status()).isEqualTo(401);
        assertThat(f.get("/api/me", new ApiFixture.Auth(ApiAuth.COOKIE + "=forged", null)).status()).isEqualTo(401);

        ApiFixture.Reply badBasic = f.get("/api/me", ApiFixture.Auth.basic("alice", "wrong password"));
        assertThat(badBasic.status()).isEqualTo(401);
        assertThat(badBasic.header("WWW-Authenticate")).startsWith("Basic realm=");
        assertThat(f.get("/api/me", ApiFixture.Auth.NONE).header("WWW-Authenticate"))
                .as("no browser pop-up for the console").isNull();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void httpBasicWorksForScriptsAndFollowsPasswordChanges(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        ApiFixture.Auth basic = ApiFixture.Auth.basic("alice", ApiFixture.PASSWORD);
        assertThat(f.get("/api/me", basic).status()).isEqualTo(200);
        assertThat(f.get("/api/me", basic).status()).as("again (remembered)").isEqualTo(200);

        f.accounts.setPassword("alice", "a brand new secret".toCharArray(), Actor.supervisor("sue"), "reset");
        assertThat(f.get("/api/me", basic).status()).as("old password after the change").isEqualTo(401);
        assertThat(f.get("/api/me", ApiFixture.Auth.basic("alice", "a brand new secret")).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theWrongRoleIs403(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.supervisor("sue");
        ApiFixture.Auth alice = f.login("alice");
        ApiFixture.Auth sue = f.login("sue");

        for (String path : new String[] {"/api/policy", "/api/policy/history", "/api/audit", "/api/dashboard"}) {
            ApiFixture.Reply r = f.get(path, alice);
            assertThat(r.status()).as(path).isEqualTo(403);
            assertThat(r.json().get("error").asText()).isEqualTo("forbidden");
            assertThat(f.get(path, sue).status()).as(path).isEqualTo(200);
        }
        // A supervisor without a consultant link does not work the queue.
        assertThat(f.get("/api/queue", sue).status()).isEqualTo(403);
        assertThat(f.post("/api/queue/claim", null, sue).status()).isEqualTo(403);

        // A role change applies to the live session at once.
        f.accounts.setRole("alice", Role.SUPERVISOR, Actor.supervisor("sue"), "promoted");
        assertThat(f.get("/api/policy", alice).status()).isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void accountsKeepOnlyASaltedHashAndAnAuditTrail(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.consultant("bob", "ROUTER");
        f.accounts.setPassword("alice", "another long secret".toCharArray(), Actor.supervisor("sue"), "forgot it");

        try (var c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT login, password_hash, password_salt, iterations FROM user_account ORDER BY login")) {
            assertThat(rs.next()).isTrue();
            String aliceHash = rs.getString(2);
            String aliceSalt = rs.getString(3);
            assertThat(aliceHash).doesNotContain("secret").hasSizeGreaterThan(40);
            assertThat(rs.getInt(4)).isEqualTo(1_000);
            assertThat(rs.next()).isTrue();
            assertThat(rs.getString(3)).as("salts differ").isNotEqualTo(aliceSalt);
        }
        assertThat(f.accounts.history("alice")).extracting(e -> e.action() + " by " + e.actor() + ": " + e.why())
                .containsExactly("CREATED by system:test: test account", "PASSWORD by supervisor:sue: forgot it");
        assertThat(f.accounts.history("alice")).allSatisfy(e ->
                assertThat(String.valueOf(e.detail())).doesNotContain("secret"));
    }
}
