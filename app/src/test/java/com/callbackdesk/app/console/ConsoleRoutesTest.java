package com.callbackdesk.app.console;

import com.callbackdesk.account.Role;
import com.callbackdesk.account.UserAccounts;
import com.callbackdesk.server.AppConfig;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The console's own HTTP routes on a running desk: the packaged static files under /console/
 * (and nothing outside them), and POST /api/whatif running the real simulator on a packaged
 * scenario, live policy against a proposed one, with field-named errors for bad input.
 */
class ConsoleRoutesTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Taipei"));
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    private CallbackDesk desk;

    @AfterEach
    void stop() {
        if (desk != null) {
            desk.close();
        }
    }

    private void start(DatabaseSettings db) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = com.callbackdesk.http.HttpSettings.freePort();   // never a fixed port in tests
        desk = CallbackDesk.start(config, CLOCK);
        UserAccounts accounts = new UserAccounts(desk.database(), CLOCK);
        accounts.create("sue", "Sue", Role.SUPERVISOR, null, "sue-secret-1".toCharArray(), Actor.system("test"), "test");
        accounts.create("carl", "Carl", Role.CONSULTANT, null, "carl-secret-1".toCharArray(), Actor.system("test"), "test");
    }

    private static String basic(String login, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((login + ":" + password).getBytes());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, basic("sue", "sue-secret-1"));
    }

    private HttpResponse<String> get(String path, String authorization) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(desk.http().baseUrl() + path)).GET();
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(URI.create(desk.http().baseUrl() + path))
                        .header("Content-Type", "application/json")
                        .header("Authorization", basic("sue", "sue-secret-1"))
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesThePackagedConsoleAndNothingOutsideIt() throws Exception {
        start(com.callbackdesk.storage.TestDatabases.h2());
        HttpResponse<String> index = get("/console/");
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
        assertThat(index.body()).contains("Callback Desk");
        assertThat(get("/console").statusCode()).isEqualTo(302);
        HttpResponse<String> js = get("/console/js/app.js");
        assertThat(js.statusCode()).isEqualTo(200);
        assertThat(js.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/javascript"));
        assertThat(get("/console/../log4j2.xml").statusCode()).isEqualTo(404);
        assertThat(get("/console/%2e%2e/log4j2.xml").statusCode()).isEqualTo(404);
        assertThat(get("/console/nothing-here.js").statusCode()).isEqualTo(404);
        assertThat(get("/console/index.class").statusCode()).isEqualTo(404);
        // no CDN: every script and stylesheet the page loads is our own
        assertThat(index.body()).doesNotContain("http://", "https://");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void whatIfRunsTheSimulatorLiveAgainstProposed(DatabaseSettings db) throws Exception {
        start(db);
        String proposed = Files.readString(Path.of("../what-if/examples/policy-proposed.yaml"));
        HttpResponse<String> r = post("/api/whatif", JSON.writeValueAsString(JSON.createObjectNode()
                .put("scenario", "scenario-month").put("proposed", proposed).put("days", 2).put("replications", 2)));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode answer = JSON.readTree(r.body());
        assertThat(answer.path("currentVersion").asInt()).isEqualTo(desk.planning().livePolicy().version());
        JsonNode policies = answer.path("report").path("policies");
        assertThat(policies).hasSize(2);
        assertThat(policies.get(0).path("name").asText()).startsWith("current");
        assertThat(policies.get(1).path("name").asText()).isEqualTo("proposed");
        assertThat(policies.get(0).path("metrics").path("requests").path("mean").asDouble()).isPositive();
        assertThat(policies.get(1).path("byHourOfDay").path("queueDepth")).hasSize(24);
        assertThat(answer.path("report").path("scenario").path("days").asInt()).isEqualTo(2);
        assertThat(answer.path("metricLabels").path("endOfDayMisses").asText()).isEqualTo("end-of-day misses");
        assertThat(answer.path("diff").findValuesAsText("field")).contains("minimumGap", "maxAttempts");
    }

    @Test
    void whatIfRefusesBadInputNamingTheField() throws Exception {
        start(com.callbackdesk.storage.TestDatabases.h2());
        HttpResponse<String> r = post("/api/whatif",
                "{\"scenario\": \"nope\", \"days\": 99, \"proposed\": {\"minimumGap\": \"soon\"}}");
        assertThat(r.statusCode()).isEqualTo(400);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("error").asText()).isEqualTo("bad_request");
        assertThat(body.path("errors").findValuesAsText("field"))
                .contains("scenario", "days", "proposed.minimumGap", "proposed.maxAttempts");
        assertThat(post("/api/whatif", "{not json").statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(post("/api/whatif", "{not json").body()).path("field").asText()).isEqualTo("body");
    }

    @Test
    void queueDepthOverTheDayIsReplayedByHour() throws Exception {
        start(com.callbackdesk.storage.TestDatabases.h2());
        HttpResponse<String> r = get("/api/dashboard/queue-depth");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(r.body());
        assertThat(body.path("zone").asText()).isEqualTo("Asia/Taipei");
        // 10:00 in Taipei: the day so far, hour by hour, and nothing after now (no invented future)
        assertThat(body.path("points")).hasSize(10);
        assertThat(body.path("points").get(0).path("hour").asText()).isEqualTo("00:00");
        assertThat(body.path("points").get(9).path("hour").asText()).isEqualTo("09:00");
        assertThat(body.path("to").asText()).isEqualTo(body.path("now").asText()).isEqualTo("2026-11-24T02:00:00Z");
        HttpResponse<String> bad = get("/api/dashboard/queue-depth?from=yesterday");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(bad.body()).path("field").asText()).isEqualTo("from");
    }

    @Test
    void theConsolesApiEndpointsNeedASupervisor() throws Exception {
        start(com.callbackdesk.storage.TestDatabases.h2());
        for (String path : new String[] {"/api/whatif/scenarios", "/api/dashboard/queue-depth"}) {
            assertThat(get(path, null).statusCode()).as(path).isEqualTo(401);
            HttpResponse<String> consultant = get(path, basic("carl", "carl-secret-1"));
            assertThat(consultant.statusCode()).as(path).isEqualTo(403);
            assertThat(JSON.readTree(consultant.body()).path("error").asText()).isEqualTo("forbidden");
        }
        HttpResponse<String> anonymous = client.send(HttpRequest.newBuilder(URI.create(desk.http().baseUrl() + "/api/whatif"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
        // the static files need no login (the page asks for it)
        assertThat(get("/console/", null).statusCode()).isEqualTo(200);
    }

    @Test
    void theLabelTableIsServedToAnyoneInTheAskedOrTheBrowsersLanguageWithTheOfficeZone() throws Exception {
        start(com.callbackdesk.storage.TestDatabases.h2());
        HttpResponse<String> zh = get("/api/labels?lang=zh-TW", null);
        assertThat(zh.statusCode()).as(zh.body()).isEqualTo(200);
        JsonNode body = JSON.readTree(zh.body());
        assertThat(body.path("lang").asText()).isEqualTo("zh-TW");
        assertThat(body.path("officeZone").asText()).isEqualTo("Asia/Taipei");
        assertThat(body.path("labels").path("category").path("ERROR_MESSAGE").asText()).isEqualTo("出現錯誤訊息");
        assertThat(body.path("labels").path("outcome").path("BUSY").asText()).isEqualTo("忙線");
        HttpResponse<String> browser = client.send(HttpRequest.newBuilder(URI.create(desk.http().baseUrl() + "/api/labels"))
                .header("Accept-Language", "zh-TW,zh;q=0.9,en;q=0.5").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(JSON.readTree(browser.body()).path("lang").asText()).isEqualTo("zh-TW");
        JsonNode en = JSON.readTree(get("/api/labels?lang=fr", null).body());
        assertThat(en.path("lang").asText()).isEqualTo("en");
        assertThat(en.path("labels").path("product").path("NAS").asText()).isEqualTo("Network storage");
    }

    @Test
    void scenariosListsEveryPackagedExample() throws Exception {
        start(com.callbackdesk.storage.TestDatabases.h2());
        HttpResponse<String> r = get("/api/whatif/scenarios");
        assertThat(r.statusCode()).isEqualTo(200);
        try (Stream<Path> examples = Files.list(Path.of("../what-if/examples"))) {
            String[] ids = examples.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith("scenario-") && n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).toArray(String[]::new);
            assertThat(JSON.readTree(r.body()).findValuesAsText("id")).containsExactlyInAnyOrder(ids);
        }
    }
}
