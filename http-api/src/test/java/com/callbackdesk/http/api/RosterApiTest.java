package com.callbackdesk.http.api;

import com.callbackdesk.account.Role;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.desk.roster.Roster;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The roster over the API ({@code /api/consultants}): supervisors only, audited as
 * {@code supervisor:<login>} with the request's why, bad input 400 naming the field; a supervisor
 * linked to a supervisor consultant takes a reputational-risk callback from the queue; one waiting
 * too long is an alert on the dashboard. H2 and PostgreSQL.
 */
class RosterApiTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static List<String> logins(JsonNode page) {
        List<String> out = new ArrayList<>();
        page.get("consultants").forEach(c -> out.add(c.get("login").asText()));
        return out;
    }

    private void badRequest(ApiFixture.Reply r, String field) {
        assertThat(r.status()).as(r.raw().body()).isEqualTo(400);
        assertThat(r.json().get("field").asText()).as(r.raw().body()).isEqualTo(field);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void supervisorsAddEditAndDeactivateConsultants(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.supervisor("sue");
        f.consultant("alice", "ROUTER");
        ApiFixture.Auth sue = f.login("sue");
        ApiFixture.Auth alice = f.login("alice");

        assertThat(f.get("/api/consultants", alice).status()).isEqualTo(403);
        assertThat(f.post("/api/consultants", "{\"login\":\"x\"}", alice).status()).isEqualTo(403);
        assertThat(f.get("/api/consultants", ApiFixture.Auth.NONE).status()).isEqualTo(401);

        ApiFixture.Reply added = f.post("/api/consultants", """
                {"login": "bob", "displayName": "Bob Tan", "group": "outsourced-acme", "skills": ["router", "NAS"],
                 "categories": ["cannot_connect"], "languages": ["zh-tw", "en"], "endpoint": "PJSIP/bob",
                 "supervisor": false, "why": "hired for the peak"}""", sue);
        assertThat(added.status()).as(added.raw().body()).isEqualTo(201);
        JsonNode bob = added.json().get("consultant");
        assertThat(bob.get("group").asText()).isEqualTo("OUTSOURCED-ACME");
        assertThat(bob.get("skills").toString()).isEqualTo("[\"NAS\",\"ROUTER\"]");
        assertThat(bob.get("languages").toString()).isEqualTo("[\"en\",\"zh-TW\"]");
        assertThat(bob.get("state").asText()).isEqualTo("AWAY");
        assertThat(bob.get("active").asBoolean()).isTrue();
        assertThat(added.json().get("history").get(0).get("actor").asText()).isEqualTo("supervisor:sue");
        assertThat(added.json().get("history").get(0).get("why").asText()).isEqualTo("hired for the peak");

        badRequest(f.post("/api/consultants", "{\"login\":\"carol\",\"displayName\":\"C\",\"skills\":[\"NAS\"]}", sue),
                "why");
        badRequest(f.post("/api/consultants", "{\"login\":\"carol\",\"displayName\":\"C\",\"skills\":[\"NAS\"],"
                + "\"endpoint\":\"SIP/carol\",\"why\":\"hired\"}", sue), "endpoint");
        badRequest(f.post("/api/consultants", "{\"login\":\"carol\",\"displayName\":\"C\",\"skills\":\"NAS\","
                + "\"why\":\"hired\"}", sue), "skills");
        badRequest(f.post("/api/consultants", "{\"login\":\"carol\",\"displayName\":\"C\",\"skills\":[],"
                + "\"why\":\"hired\"}", sue), "skills");
        badRequest(f.post("/api/consultants", "{\"login\":\"Carol!\",\"displayName\":\"C\",\"skills\":[\"NAS\"],"
                + "\"why\":\"hired\"}", sue), "login");
        badRequest(f.post("/api/consultants", "{\"login\":\"carol\",\"skills\":[\"NAS\"],\"why\":\"hired\"}", sue),
                "displayName");
        badRequest(f.post("/api/consultants", "{\"login\":\"carol\",\"displayName\":\"C\",\"skills\":[\"NAS\"],"
                + "\"supervisor\":\"yes\",\"why\":\"hired\"}", sue), "supervisor");
        badRequest(f.post("/api/consultants", "{\"login\":\"bob\",\"displayName\":\"B\",\"skills\":[\"NAS\"],"
                + "\"why\":\"again\"}", sue), "login");

        assertThat(logins(f.get("/api/consultants", sue).json())).containsExactly("alice", "bob");

        ApiFixture.Reply edited = f.put("/api/consultants/bob",
                "{\"supervisor\": true, \"endpoint\": \"Local/1002@consultants\", \"why\": \"promoted\"}", sue);
        assertThat(edited.status()).as(edited.raw().body()).isEqualTo(200);
        assertThat(edited.json().get("consultant").get("supervisor").asBoolean()).isTrue();
        assertThat(edited.json().get("consultant").get("displayName").asText()).as("absent: unchanged").isEqualTo("Bob Tan");
        assertThat(edited.json().get("history").get(1).get("detail").asText())
                .contains("endpoint: PJSIP/bob → Local/1002@consultants").contains("supervisor: false → true");
        badRequest(f.put("/api/consultants/bob", "{\"languages\": [\"english\"], \"why\": \"x\"}", sue), "languages");
        badRequest(f.put("/api/consultants/bob", "{\"supervisor\": true}", sue), "why");
        assertThat(f.put("/api/consultants/nobody", "{\"why\": \"x\"}", sue).status()).isEqualTo(404);
        assertThat(f.get("/api/consultants/nobody", sue).status()).isEqualTo(404);

        // alice holds a callback: not deactivated until it is released or reassigned
        Callback c = f.queued(ApiFixture.number(1), "ROUTER");
        assertThat(f.post("/api/queue/claim", null, alice).status()).isEqualTo(200);
        ApiFixture.Reply refused = f.post("/api/consultants/alice/deactivate", "{\"why\": \"left\"}", sue);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("holds callback " + c.id());
        assertThat(f.get("/api/consultants/alice", sue).json().get("consultant").get("holding").asLong())
                .isEqualTo(c.id());

        ApiFixture.Reply gone = f.post("/api/consultants/bob/deactivate", "{\"why\": \"contract ended\"}", sue);
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.json().get("consultant").get("active").asBoolean()).isFalse();
        ApiFixture.Reply back = f.put("/api/consultants/bob", "{\"active\": true, \"why\": \"contract renewed\"}", sue);
        assertThat(back.json().get("consultant").get("active").asBoolean()).isTrue();
        assertThat(f.deskLayer.roster().history("bob")).extracting(e -> e.action() + " " + e.actor() + " " + e.why())
                .containsExactly("ADDED supervisor:sue hired for the peak", "UPDATED supervisor:sue promoted",
                        "ACTIVE supervisor:sue contract ended", "ACTIVE supervisor:sue contract renewed");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aSupervisorConsultantTakesAReputationalRiskThatRaisedAnAlert(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.supervisor("sue");
        f.consultant("alice", "ROUTER");
        // a supervisor who also takes the queue: roster entry with the supervisor flag, linked account
        f.deskLayer.roster().createAccount("sam", "Sam Wu", Role.SUPERVISOR, "sam",
                Roster.profile("sam", "Sam Wu", null, Set.of("ROUTER"), null, null, null, true),
                ApiFixture.PASSWORD.toCharArray(), Actor.system("cli:root"), "supervisor on the phones");
        ApiFixture.Auth sue = f.login("sue");
        ApiFixture.Auth sam = f.login("sam");
        ApiFixture.Auth alice = f.login("alice");
        assertThat(f.put("/api/me", "{\"state\": \"AVAILABLE\", \"why\": \"on the phones\"}", sam).status())
                .isEqualTo(200);

        Callback risk = f.queued(ApiFixture.number(2), "ROUTER");
        f.store.lifecycle().update(risk.id(), CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                Actor.consultant("alice"), "threatens the press");
        assertThat(f.get("/api/dashboard", sue).json().get("alerts")).isEmpty();

        f.clock.advance(Duration.ofMinutes(20));
        JsonNode alerts = f.get("/api/dashboard", sue).json().get("alerts");
        assertThat(alerts).hasSize(1);
        assertThat(alerts.get(0).get("kind").asText()).isEqualTo("REPUTATIONAL_RISK_WAITING");
        assertThat(alerts.get(0).get("callbackId").asLong()).isEqualTo(risk.id());
        assertThat(alerts.get(0).get("waitedMinutes").asLong()).isEqualTo(20);
        assertThat(alerts.get(0).get("alertAfterMinutes").asLong()).isEqualTo(15);

        assertThat(f.get("/api/queue", alice).json().get("items")).as("not for alice").isEmpty();
        ApiFixture.Reply queue = f.get("/api/queue", sam);
        assertThat(queue.status()).as(queue.raw().body()).isEqualTo(200);
        assertThat(queue.json().get("items").get(0).get("callback").get("id").asLong()).isEqualTo(risk.id());
        ApiFixture.Reply claimed = f.post("/api/queue/claim", null, sam);
        assertThat(claimed.status()).as(claimed.raw().body()).isEqualTo(200);
        assertThat(claimed.json().get("callback").get("id").asLong()).isEqualTo(risk.id());
        assertThat(f.get("/api/dashboard", sue).json().get("alerts")).isEmpty();

        // assigned by a supervisor: to the supervisor-consultant, never to alice
        f.post("/api/callbacks/" + risk.id() + "/release", "{\"why\": \"sue hands it on\"}", sam);
        assertThat(f.post("/api/callbacks/" + risk.id() + "/assign",
                "{\"consultant\": \"alice\", \"why\": \"free\"}", sue).status()).isEqualTo(409);
        ApiFixture.Reply assigned = f.post("/api/callbacks/" + risk.id() + "/assign",
                "{\"consultant\": \"sam\", \"why\": \"press threat\"}", sue);
        assertThat(assigned.status()).as(assigned.raw().body()).isEqualTo(200);
        assertThat(assigned.json().get("consultant").asText()).isEqualTo("sam");
    }
}
