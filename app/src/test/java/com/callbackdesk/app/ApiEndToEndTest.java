package com.callbackdesk.app;

import com.callbackdesk.server.AppConfig;
import com.callbackdesk.server.CallbackDesk;
import com.callbackdesk.account.Role;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.consultant.ConsultantDirectory;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.dialplan.Dialplan;
import com.callbackdesk.pbxsim.CallRecord;
import com.callbackdesk.pbxsim.CallerPersona;
import com.callbackdesk.pbxsim.PbxSettings;
import com.callbackdesk.pbxsim.SimulatedPbx;
import com.callbackdesk.http.HttpSettings;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole app with its REST API: a pbx-sim caller leaves a request through the real dialplan and
 * FastAGI intake; over HTTP a consultant sees it in the queue with the captured answers, claims it
 * and leaves a note; a supervisor sees it in the audit and the dashboard and changes the retry
 * policy the planner then uses — on H2 and PostgreSQL.
 */
class ApiEndToEndTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-24T02:00:00Z"), ZoneId.of("Asia/Taipei"));
    private static final ObjectMapper JSON = new ObjectMapper();

    private CallbackDesk desk;
    private SimulatedPbx pbx;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @AfterEach
    void stop() {
        if (pbx != null) {
            pbx.close();
        }
        if (desk != null) {
            desk.close();
        }
    }

    private record Reply(int status, JsonNode json, HttpResponse<String> raw) {
    }

    private Reply send(String method, String path, String body, String cookie) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(desk.http().baseUrl() + path))
                .timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (cookie != null) {
            b.header("Cookie", cookie);
        }
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body().isEmpty() ? null : JSON.readTree(r.body()), r);
    }

    private String login(String login, String password) throws Exception {
        Reply r = send("POST", "/api/login", "{\"login\":\"" + login + "\",\"password\":\"" + password + "\"}", null);
        assertThat(r.status()).as(r.raw().body()).isEqualTo(200);
        String cookie = r.raw().headers().firstValue("Set-Cookie").orElseThrow();
        return cookie.substring(0, cookie.indexOf(';'));
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aCallersRequestIsWorkedAndWatchedOverTheApi(DatabaseSettings db) throws Exception {
        AppConfig config = AppConfig.defaults();
        config.database.url = db.jdbcUrl();
        config.database.user = db.user();
        config.database.password = db.password();
        config.fastagi.port = 0;
        config.http.port = HttpSettings.freePort();
        desk = CallbackDesk.start(config, CLOCK);
        pbx = new SimulatedPbx(Dialplan.loadDefault(), PbxSettings.defaults()
                .withGlobalOverrides(Map.of("FASTAGI", "agi://127.0.0.1:" + desk.fastAgiPort())));

        ConsultantDirectory consultants = new ConsultantDirectory(desk.database(), CLOCK);
        consultants.add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("NAS"), "PJSIP/alice", false),
                Actor.supervisor("sue"), "hired");
        consultants.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        desk.accounts().create("alice", "Alice", Role.CONSULTANT, "alice", "alice-secret".toCharArray(),
                Actor.system("test"), "new consultant");
        desk.accounts().create("sue", "Sue", Role.SUPERVISOR, null, "sue-secret!".toCharArray(),
                Actor.system("test"), "new supervisor");

        // Mei: 中文, another number, NAS, error message (needs a screen), urgent, until 17:30, link by SMS.
        CallRecord call = pbx.call(CallerPersona.named("mei").callerId("+886223456789").callerIdName("Mei")
                .press("2").press("0912345678#").press("2").press("2").press("2").press("1730").press("1").build());
        assertThat(call.finalVariables()).containsEntry("INTAKE_RESULT", "ACCEPTED");
        long id = Long.parseLong(call.finalVariables().get("CALLBACK_ID"));
        // Its attempt is due (Quartz runs on the real clock, long past this fixed morning, and may have queued it).
        await().atMost(Duration.ofSeconds(10)).until(() -> {
            if (desk.store().find(id).orElseThrow().state() == CallbackState.SCHEDULED) {
                try {
                    desk.store().lifecycle().transition(id, CallbackState.SCHEDULED, CallbackState.QUEUED, Actor.system("scheduler"),
                            "attempt due (test)");
                } catch (RuntimeException raced) {
                    return false;
                }
            }
            return desk.store().find(id).orElseThrow().state() == CallbackState.QUEUED;
        });

        String alice = login("alice", "alice-secret");
        JsonNode queue = send("GET", "/api/queue", null, alice).json();
        assertThat(queue.get("items")).hasSize(1);
        JsonNode item = queue.get("items").get(0);
        assertThat(item.get("callback").get("id").asLong()).isEqualTo(id);
        assertThat(item.get("deadline").asText()).as("17:30 in Taipei").isEqualTo("2026-11-24T09:30:00Z");
        assertThat(item.get("atRisk").asBoolean()).isFalse();

        Reply claim = send("POST", "/api/queue/claim", null, alice);
        assertThat(claim.status()).isEqualTo(200);
        assertThat(claim.json().get("callback").get("id").asLong()).isEqualTo(id);

        JsonNode details = send("GET", "/api/callbacks/" + id, null, alice).json();
        assertThat(details.get("callback").get("callbackNumber").asText()).isEqualTo("+886912345678");
        assertThat(details.get("callback").get("numberSource").asText()).isEqualTo("ENTERED");
        assertThat(details.get("callback").get("language").asText()).isEqualTo("zh-TW");
        assertThat(details.get("callback").get("category").asText()).isEqualTo("ERROR_MESSAGE");
        assertThat(details.get("callback").get("callUniqueId").asText()).isEqualTo(call.uniqueId());
        assertThat(details.get("screenshot").get("needed").asBoolean()).as("the IVR catalogue says so").isTrue();
        assertThat(send("POST", "/api/callbacks/" + id + "/notes", "{\"body\":\"speaks Mandarin\"}", alice).status())
                .isEqualTo(201);

        String sue = login("sue", "sue-secret!");
        JsonNode audit = send("GET", "/api/audit?callbackId=" + id, null, sue).json();
        // The newest state change (the screenshot link's SCREENSHOT rows may come in between: it leaves beside the call).
        JsonNode lastMove = null;
        for (JsonNode e : audit.get("items")) {
            if (e.get("action").asText().equals("TRANSITION")) {
                lastMove = e;
                break;
            }
        }
        assertThat(lastMove).isNotNull();
        assertThat(lastMove.get("newState").asText()).isEqualTo("CLAIMED");
        assertThat(lastMove.get("actor").asText()).isEqualTo("consultant:alice");
        JsonNode dashboard = send("GET", "/api/dashboard", null, sue).json();
        assertThat(dashboard.get("waitingByState").get("CLAIMED").asInt()).isEqualTo(1);
        assertThat(dashboard.get("contactVolume").get(0).get("category").asText()).isEqualTo("ERROR_MESSAGE");

        JsonNode live = send("GET", "/api/policy", null, sue).json();
        ObjectNode change = JSON.createObjectNode()
                .put("policy", live.get("yaml").asText().replace("maxAttempts: 6", "maxAttempts: 5"))
                .put("basedOn", live.get("version").asInt()).put("reason", "fewer attempts");
        Reply saved = send("PUT", "/api/policy", JSON.writeValueAsString(change), sue);
        assertThat(saved.status()).as(saved.raw().body()).isEqualTo(200);
        assertThat(desk.planning().livePolicy().version()).isEqualTo(2);
        assertThat(desk.planning().livePolicy().policy().maxAttempts()).isEqualTo(5);
        assertThat(send("GET", "/api/policy", null, alice).status()).as("consultants do not tune policy").isEqualTo(403);
    }
}
