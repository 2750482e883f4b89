package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Release and assign over HTTP (reassignment is an audited operation): who may,
 * what is refused and how, and what the audit trail says.
 */
class ReassignApiTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theHolderOrASupervisorReleasesAClaimWithAReason(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.consultant("bob", "ROUTER");
        f.supervisor("sue");
        long id = f.queued(ApiFixture.number(1), "ROUTER").id();
        ApiFixture.Auth alice = f.login("alice");
        ApiFixture.Auth bob = f.login("bob");
        ApiFixture.Auth sue = f.login("sue");
        assertThat(f.post("/api/queue/claim", null, alice).status()).isEqualTo(200);

        ApiFixture.Reply notHers = f.post("/api/callbacks/" + id + "/release", "{\"why\":\"mine now\"}", bob);
        assertThat(notHers.status()).isEqualTo(409);
        assertThat(notHers.json().get("error").asText()).isEqualTo("conflict");
        assertThat(notHers.json().get("message").asText()).contains("held by alice");

        ApiFixture.Reply released = f.post("/api/callbacks/" + id + "/release", "{\"why\":\"end of my shift\"}", alice);
        assertThat(released.status()).as(released.raw().body()).isEqualTo(200);
        assertThat(released.json().get("callback").get("state").asText()).isEqualTo("QUEUED");
        assertThat(f.get("/api/me", alice).json().get("holding").isNull()).isTrue();
        AuditEntry last = last(id);
        assertThat(last.actor()).isEqualTo(Actor.consultant("alice"));
        assertThat(last.why()).isEqualTo("end of my shift");

        ApiFixture.Reply again = f.post("/api/callbacks/" + id + "/release", "{\"why\":\"twice\"}", alice);
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.json().get("message").asText()).contains("QUEUED");

        // a supervisor without a consultant of their own may release anyone's claim
        assertThat(f.post("/api/queue/claim", null, bob).status()).isEqualTo(200);
        ApiFixture.Reply bySue = f.post("/api/callbacks/" + id + "/release", "{\"why\":\"bob is needed on the phones\"}", sue);
        assertThat(bySue.status()).isEqualTo(200);
        assertThat(last(id).actor()).isEqualTo(Actor.supervisor("sue"));

        assertThat(f.post("/api/callbacks/999999/release", "{\"why\":\"x\"}", sue).status()).isEqualTo(404);
        assertThat(f.post("/api/callbacks/" + id + "/release", "{\"why\":\"x\"}", ApiFixture.Auth.NONE).status())
                .isEqualTo(401);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aSupervisorAssignsAndReassignsConsultantsMayNot(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.consultant("bob", "ROUTER");
        f.consultant("carol", "ROUTER");
        f.supervisor("sue");
        long id = f.queued(ApiFixture.number(1), "ROUTER").id();
        long other = f.queued(ApiFixture.number(2), "ROUTER").id();
        ApiFixture.Auth alice = f.login("alice");
        ApiFixture.Auth bob = f.login("bob");
        ApiFixture.Auth sue = f.login("sue");

        ApiFixture.Reply byAlice = f.post("/api/callbacks/" + id + "/assign", "{\"consultant\":\"alice\",\"why\":\"x\"}", alice);
        assertThat(byAlice.status()).isEqualTo(403);
        assertThat(byAlice.json().get("error").asText()).isEqualTo("forbidden");
        assertThat(f.get("/api/assignments", alice).status()).isEqualTo(403);

        ApiFixture.Reply toBob = f.post("/api/callbacks/" + id + "/assign",
                "{\"consultant\":\"bob\",\"why\":\"the caller asked for bob\"}", sue);
        assertThat(toBob.status()).as(toBob.raw().body()).isEqualTo(200);
        assertThat(toBob.json().get("consultant").asText()).isEqualTo("bob");
        assertThat(toBob.json().get("callback").get("state").asText()).isEqualTo("CLAIMED");
        assertThat(f.get("/api/me", bob).json().get("holding").asLong()).isEqualTo(id);

        // the supervisor's list: held and waiting callbacks with holders, consultants with what they hold
        JsonNode list = f.get("/api/assignments", sue).json();
        assertThat(list.get("total").asInt()).isEqualTo(2);
        assertThat(list.get("items")).extracting(i -> i.get("callback").get("id").asLong() + ":" + i.get("holder").asText())
                .containsExactlyInAnyOrder(id + ":bob", other + ":null");
        assertThat(list.get("consultants")).extracting(c -> c.get("login").asText() + ":" + c.get("holding").asText())
                .containsExactly("alice:null", "bob:" + id, "carol:null");

        // a screen that still shows it queued (holder null) is refused: it changed hands since
        ApiFixture.Reply stale = f.post("/api/callbacks/" + id + "/assign",
                "{\"consultant\":\"carol\",\"why\":\"x\",\"holder\":null}", sue);
        assertThat(stale.status()).isEqualTo(409);
        assertThat(stale.json().get("message").asText()).contains("changed hands since you looked").contains("bob");
        assertThat(f.post("/api/callbacks/" + id + "/assign", "{\"consultant\":\"carol\",\"why\":\"x\",\"holder\":7}",
                sue).json().get("field").asText()).isEqualTo("holder");

        // bob went home sick: to alice (the screen showed bob), audited from whom to whom and why
        ApiFixture.Reply toAlice = f.post("/api/callbacks/" + id + "/assign",
                "{\"consultant\":\"alice\",\"why\":\"bob went home sick\",\"holder\":\"bob\"}", sue);
        assertThat(toAlice.status()).isEqualTo(200);
        assertThat(f.get("/api/me", bob).json().get("holding").isNull()).isTrue();
        assertThat(f.get("/api/me", alice).json().get("holding").asLong()).isEqualTo(id);
        AuditEntry last = last(id);
        assertThat(last.actor()).isEqualTo(Actor.supervisor("sue"));
        assertThat(last.why()).isEqualTo("reassigned from bob to alice: bob went home sick");
        assertThat(last.detail()).isEqualTo("holder: bob → alice");
        assertThat(f.post("/api/callbacks/" + id + "/release", "{\"why\":\"x\"}", bob).status()).isEqualTo(409);

        // refusals: already holds another, same holder, a live call
        assertThat(f.post("/api/callbacks/" + other + "/assign", "{\"consultant\":\"alice\",\"why\":\"x\"}", sue)
                .json().get("message").asText()).contains("already holds callback " + id);
        ApiFixture.Reply same = f.post("/api/callbacks/" + id + "/assign", "{\"consultant\":\"alice\",\"why\":\"x\"}", sue);
        assertThat(same.status()).isEqualTo(409);
        f.desk.outcomes().startDialing(id, Actor.consultant("alice"), null);
        ApiFixture.Reply live = f.post("/api/callbacks/" + id + "/assign", "{\"consultant\":\"carol\",\"why\":\"x\"}", sue);
        assertThat(live.status()).isEqualTo(409);
        assertThat(live.json().get("error").asText()).isEqualTo("conflict");
        assertThat(live.json().get("message").asText()).contains("a live call is not moved");
        ApiFixture.Reply releaseLive = f.post("/api/callbacks/" + id + "/release", "{\"why\":\"x\"}", alice);
        assertThat(releaseLive.status()).isEqualTo(409);
        assertThat(f.store.find(id).orElseThrow().state()).isEqualTo(CallbackState.DIALING);
        assertThat(f.post("/api/callbacks/999999/assign", "{\"consultant\":\"carol\",\"why\":\"x\"}", sue).status())
                .isEqualTo(404);
    }

    private AuditEntry last(long id) {
        List<AuditEntry> h = f.store.history(id);
        return h.get(h.size() - 1);
    }
}
