package com.callbackdesk.http.api;

import com.callbackdesk.account.Sessions;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sessions and the login throttle live in the database: two API instances ("nodes", each its
 * own Camel context, listener and ApiServices) on one database share them, a restarted instance
 * keeps them; the token itself is never stored; {@code http.secureCookies} adds Secure. H2 and
 * PostgreSQL.
 */
class ClusteredSessionsApiTest {

    private ApiFixture f;
    private final List<ApiFixture.Node> nodes = new ArrayList<>();

    @AfterEach
    void close() {
        nodes.forEach(ApiFixture.Node::close);
        if (f != null) {
            f.close();
        }
    }

    private ApiFixture.Node node(boolean secureCookies) throws Exception {
        ApiFixture.Node n = f.node(secureCookies);
        nodes.add(n);
        return n;
    }

    private ApiFixture.Node restart(ApiFixture.Node n) throws Exception {
        n.close();
        ApiFixture.Node again = f.node(n.http);
        nodes.add(again);
        return again;
    }

    private static String body(String login, String password) {
        return "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}";
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aSessionFromOneNodeWorksOnAnotherAndSurvivesRestarts(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        ApiFixture.Node b = node(false);

        ApiFixture.Auth session = f.login("alice");
        ApiFixture.Reply me = b.get("/api/me", session);
        assertThat(me.status()).as("node B accepts node A's session").isEqualTo(200);
        assertThat(me.json().get("login").asText()).isEqualTo("alice");

        b = restart(b);
        assertThat(b.get("/api/me", session).status()).as("after node B restarted").isEqualTo(200);

        f.camel.stop(); // node A restarts too
        ApiFixture.Node a = f.node(f.http);
        nodes.add(a);
        assertThat(a.get("/api/me", session).status()).as("after node A restarted").isEqualTo(200);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void logoutOnOneNodeEndsTheSessionOnEvery(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        ApiFixture.Node b = node(false);
        ApiFixture.Auth session = f.login("alice");
        ApiFixture.Auth other = b.login("alice");

        assertThat(b.post("/api/logout", null, session).status()).isEqualTo(204);
        ApiFixture.Reply after = f.get("/api/me", session);
        assertThat(after.status()).isEqualTo(401);
        assertThat(after.json().get("message").asText()).contains("session has ended");
        assertThat(f.get("/api/me", other).status()).as("alice's other session is not affected").isEqualTo(200);
        assertThat(rows(f, "SELECT COUNT(*) FROM console_session")).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void anIdleSessionExpiresAfterTwelveHoursAndLastUseIsWrittenAtMostOncePerMinute(DatabaseSettings settings)
            throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.consultant("bob", "ROUTER");
        ApiFixture.Node b = node(false);
        ApiFixture.Auth bob = f.login("bob");
        ApiFixture.Auth session = f.login("alice");
        Instant opened = f.clock.instant();

        f.clock.advance(Duration.ofSeconds(30));
        assertThat(b.get("/api/me", session).status()).isEqualTo(200);
        assertThat(lastSeen(f, "alice")).as("not written within a minute").isEqualTo(opened);
        f.clock.advance(Duration.ofSeconds(60));
        assertThat(f.get("/api/me", session).status()).isEqualTo(200);
        Instant used = f.clock.instant();
        assertThat(lastSeen(f, "alice")).isEqualTo(used);

        f.clock.advance(Sessions.IDLE);
        assertThat(b.get("/api/me", session).status()).as("exactly 12 h idle is still alive").isEqualTo(200);
        f.clock.advance(Sessions.IDLE.plusSeconds(1));
        assertThat(f.get("/api/me", session).status()).as("12 h + 1 s idle").isEqualTo(401);
        assertThat(b.get("/api/me", session).status()).isEqualTo(401);
        assertThat(rows(f, "SELECT COUNT(*) FROM console_session WHERE login = 'alice'")).as("row deleted").isZero();

        assertThat(rows(f, "SELECT COUNT(*) FROM console_session WHERE login = 'bob'")).isEqualTo(1);
        f.login("alice"); // every login sweeps expired sessions
        assertThat(rows(f, "SELECT COUNT(*) FROM console_session WHERE login = 'bob'")).as("bob's swept").isZero();
        assertThat(f.get("/api/me", bob).status()).isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theThrottleCountsFailuresOnEveryNodeTogether(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        ApiFixture.Node b = node(false);

        for (int i = 0; i < 3; i++) {
            assertThat(f.post("/api/login", body("alice", "wrong " + i), ApiFixture.Auth.NONE).status()).isEqualTo(401);
        }
        assertThat(b.post("/api/login", body("alice", "wrong"), ApiFixture.Auth.NONE).status()).isEqualTo(401);
        assertThat(b.get("/api/me", ApiFixture.Auth.basic("alice", "wrong")).status()).isEqualTo(401);

        ApiFixture.Reply onA = f.post("/api/login", body("alice", ApiFixture.PASSWORD), ApiFixture.Auth.NONE);
        assertThat(onA.status()).as("5 failures spread over two nodes").isEqualTo(429);
        assertThat(onA.header("Retry-After")).isEqualTo("900");
        b = restart(b);
        ApiFixture.Reply onB = b.post("/api/login", body("alice", ApiFixture.PASSWORD), ApiFixture.Auth.NONE);
        assertThat(onB.status()).as("a restart does not forget them").isEqualTo(429);
        assertThat(onB.json().get("message").asText()).contains("alice").contains("15 minutes");

        f.clock.advance(Duration.ofMinutes(15));
        assertThat(b.post("/api/login", body("alice", ApiFixture.PASSWORD), ApiFixture.Auth.NONE).status()).isEqualTo(200);
        assertThat(rows(f, "SELECT COUNT(*) FROM login_failure")).as("a success resets the count").isZero();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theTokenIsNotStoredOnlyItsHash(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        ApiFixture.Auth session = f.login("alice");
        String token = session.cookie().substring((ApiAuth.COOKIE + "=").length());
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);

        StringBuilder everything = new StringBuilder();
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM console_session")) {
            ResultSetMetaData md = rs.getMetaData();
            while (rs.next()) {
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    everything.append(rs.getString(i)).append('|');
                }
            }
        }
        assertThat(everything.toString()).contains("alice").doesNotContain(token)
                .contains(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                        .digest(token.getBytes(StandardCharsets.UTF_8))));
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void secureCookiesAddSecureToLoginAndLogout(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        ApiFixture.Node tls = node(true);

        ApiFixture.Reply login = tls.post("/api/login", body("alice", ApiFixture.PASSWORD), ApiFixture.Auth.NONE);
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.header("Set-Cookie")).contains("; HttpOnly").contains("; SameSite=Strict").endsWith("; Secure");
        ApiFixture.Reply logout = tls.post("/api/logout", null, ApiFixture.Auth.NONE);
        assertThat(logout.header("Set-Cookie")).contains("Max-Age=0").endsWith("; Secure");

        ApiFixture.Reply plain = f.post("/api/login", body("alice", ApiFixture.PASSWORD), ApiFixture.Auth.NONE);
        assertThat(plain.header("Set-Cookie")).as("off by default").doesNotContain("Secure");
        assertThat(f.post("/api/logout", null, ApiFixture.Auth.NONE).header("Set-Cookie")).doesNotContain("Secure");
    }

    private static long rows(ApiFixture f, String sql) throws Exception {
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static Instant lastSeen(ApiFixture f, String login) throws Exception {
        try (Connection c = f.db.dataSource().getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT last_seen_at FROM console_session WHERE login = '" + login + "'")) {
            assertThat(rs.next()).isTrue();
            return rs.getObject(1, java.time.OffsetDateTime.class).toInstant();
        }
    }
}
