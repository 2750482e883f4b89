package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.routes.dialer.DialRequest;
import com.callbackdesk.routes.dialer.DialResult;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.apache.camel.builder.RouteBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A consultant's day over HTTP: claim, details, dial, notes, outcomes — through the desk's audited
 * operations, with the enforced rules' refusals coming back as 409/422.
 */
class ConsultantFlowApiTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    /**
     * Stands in for the dialer (another branch) on {@code direct:dial}: it does what the dialer does to
     * the callback — the real OutcomeRecorder's startDialing, then the caller answers — and replies a DialResult.
     */
    private void dialerAnswering() throws Exception {
        f.camel.addRoutes(new RouteBuilder() {
            @Override
            public void configure() {
                from(DialRequest.ENDPOINT).routeId("test-dialer").process(e -> {
                    DialRequest req = e.getIn().getBody(DialRequest.class);
                    f.desk.outcomes().startDialing(req.callbackId(), Actor.consultant(req.consultantLogin()), "1772600000.1");
                    f.desk.outcomes().answered(req.callbackId(), Actor.system("dialer"), "1772600000.2");
                    e.getMessage().setBody(DialResult.accepted(req.callbackId(), "cbd-" + req.callbackId() + "-1"));
                });
            }
        });
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void claimDialNoteAndCallBackLater(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        String number = ApiFixture.number(42);
        Callback earlier = f.intake(number, "ROUTER", "error-message", Urgency.NORMAL, null, ScreenshotChoice.SMS);
        f.store.lifecycle().transition(earlier.id(), CallbackState.PENDING, CallbackState.CANCELLED, Actor.caller(number), "solved it");
        Callback c = f.queued(number, "ROUTER", "error-message", Urgency.URGENT, LocalTime.of(17, 0), ScreenshotChoice.SMS);
        ApiFixture.Auth alice = f.login("alice");

        ApiFixture.Reply claim = f.post("/api/queue/claim", null, alice);
        assertThat(claim.status()).isEqualTo(200);
        assertThat(claim.json().get("callback").get("id").asLong()).isEqualTo(c.id());
        assertThat(f.get("/api/me", alice).json().get("holding").asLong()).isEqualTo(c.id());

        // No dialer in this process yet: 503 with a message the consultant can act on.
        ApiFixture.Reply noDialer = f.post("/api/callbacks/" + c.id() + "/dial", null, alice);
        assertThat(noDialer.status()).isEqualTo(503);
        assertThat(noDialer.json().get("message").asText()).contains("dialer is not running");
        assertThat(f.store.find(c.id()).orElseThrow().state()).isEqualTo(CallbackState.CLAIMED);

        dialerAnswering();
        ApiFixture.Reply dial = f.post("/api/callbacks/" + c.id() + "/dial", null, alice);
        assertThat(dial.status()).isEqualTo(200);
        assertThat(dial.json().get("accepted").asBoolean()).isTrue();
        assertThat(dial.json().get("actionId").asText()).isEqualTo("cbd-" + c.id() + "-1");
        assertThat(f.store.find(c.id()).orElseThrow().state()).isEqualTo(CallbackState.CONNECTED);

        ApiFixture.Reply note = f.post("/api/callbacks/" + c.id() + "/notes", "{\"body\":\"router model X200\"}", alice);
        assertThat(note.status()).isEqualTo(201);
        assertThat(note.json().get("author").asText()).isEqualTo("consultant:alice");

        // A category that needs a screen is not resolved before its screenshot step.
        ApiFixture.Reply resolved = f.post("/api/callbacks/" + c.id() + "/outcome", "{\"outcome\":\"RESOLVED\"}", alice);
        assertThat(resolved.status()).isEqualTo(422);
        assertThat(resolved.json().get("rule").asText()).isEqualTo("SCREENSHOT_BEFORE_RESOLVED");
        assertThat(resolved.json().get("message").asText()).contains("screenshot");
        assertThat(f.store.find(c.id()).orElseThrow().state()).as("nothing written").isEqualTo(CallbackState.CONNECTED);

        JsonNode details = f.get("/api/callbacks/" + c.id(), alice).json();
        assertThat(details.get("callback").get("category").asText()).isEqualTo("error-message");
        assertThat(details.get("callback").get("reachableUntil").asText()).isEqualTo("17:00");
        assertThat(details.get("holder").asText()).isEqualTo("alice");
        assertThat(details.get("attempts")).hasSize(1);
        assertThat(details.get("attempts").get(0).get("answeredAt").isNull()).isFalse();
        assertThat(details.get("earlierCallbacks")).hasSize(1);
        assertThat(details.get("earlierCallbacks").get(0).get("id").asLong()).isEqualTo(earlier.id());
        assertThat(details.get("earlierCallbacks").get(0).get("state").asText()).isEqualTo("CANCELLED");
        assertThat(details.get("screenshot").get("needed").asBoolean()).isTrue();
        assertThat(details.get("screenshot").get("state").asText()).isEqualTo("NOT_REQUESTED");
        assertThat(details.get("screenshot").get("stepDone").asBoolean()).isFalse();
        assertThat(details.get("repeat").isNull()).isTrue();
        assertThat(details.get("surveys")).isEmpty();
        assertThat(details.get("notes").get(0).get("body").asText()).isEqualTo("router model X200");

        // The caller asks for 14:00: the next attempt is planned at once, at their time.
        Instant two = Instant.parse("2026-03-04T06:00:00Z");
        ApiFixture.Reply later = f.post("/api/callbacks/" + c.id() + "/outcome",
                "{\"outcome\":\"call_back_at\",\"callBackAt\":\"" + two + "\",\"note\":\"in a meeting until 2\"}", alice);
        assertThat(later.status()).isEqualTo(200);
        assertThat(later.json().get("next").get("planned").asBoolean()).isTrue();
        assertThat(later.json().get("next").get("attemptNo").asInt()).isEqualTo(2);
        assertThat(later.json().get("next").get("earliest").asText()).isEqualTo(two.toString());
        assertThat(later.json().get("callback").get("state").asText()).isEqualTo("SCHEDULED");
        assertThat(f.scheduler.scheduled(c.id())).isPresent();
        assertThat(f.get("/api/me", alice).json().get("holding").isNull()).isTrue();

        // Every step is an audited transition with who did it.
        assertThat(f.store.history(c.id())).filteredOn(e -> e.action() == AuditEntry.Action.TRANSITION)
                .extracting(e -> e.oldState() + "→" + e.newState() + " by " + e.actor())
                .containsSubsequence("QUEUED→CLAIMED by consultant:alice", "CLAIMED→DIALING by consultant:alice",
                        "DIALING→CONNECTED by system:dialer", "CONNECTED→PENDING by consultant:alice",
                        "PENDING→SCHEDULED by system:retry-planner");
        assertThat(f.desk.notes().list(c.id())).extracting(n -> n.body())
                .containsExactly("router model X200", "in a meeting until 2");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void resolvedEscalatedRefusedAndAway(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.consultant("bob", "ROUTER");
        dialerAnswering();
        Callback first = f.queued(ApiFixture.number(1), "ROUTER");
        Callback second = f.queued(ApiFixture.number(2), "ROUTER");
        ApiFixture.Auth alice = f.login("alice");
        ApiFixture.Auth bob = f.login("bob");

        long a = f.post("/api/queue/claim", null, alice).json().get("callback").get("id").asLong();
        assertThat(a).isEqualTo(first.id());
        // The dialer refuses to dial someone else's claim; its refusal comes back as a conflict.
        ApiFixture.Reply bobDials = f.post("/api/callbacks/" + a + "/dial", null, bob);
        assertThat(bobDials.status()).isEqualTo(409);
        assertThat(bobDials.json().get("message").asText()).contains("held by alice");
        assertThat(f.post("/api/callbacks/" + a + "/dial", null, alice).status()).isEqualTo(200);

        // Only the claim holder records the outcome.
        ApiFixture.Reply notBobs = f.post("/api/callbacks/" + a + "/outcome", "{\"outcome\":\"RESOLVED\"}", bob);
        assertThat(notBobs.status()).isEqualTo(409);
        assertThat(notBobs.json().get("rule").asText()).isEqualTo("CLAIM_HOLDER");

        ApiFixture.Reply escalate = f.post("/api/callbacks/" + a + "/outcome",
                "{\"outcome\":\"ESCALATE\",\"escalateTo\":\"REPUTATIONAL_RISK\",\"note\":\"threatens the press\"}", alice);
        assertThat(escalate.status()).isEqualTo(200);
        assertThat(escalate.json().get("callback").get("state").asText()).isEqualTo("QUEUED");
        assertThat(escalate.json().get("callback").get("escalationLevel").asText()).isEqualTo("REPUTATIONAL_RISK");
        assertThat(escalate.json().get("next").isNull()).isTrue();

        // Reputational risk is for supervisors: alice gets the second callback next.
        long b = f.post("/api/queue/claim", null, alice).json().get("callback").get("id").asLong();
        assertThat(b).isEqualTo(second.id());
        assertThat(f.post("/api/queue/claim", null, alice).status()).as("one at a time").isEqualTo(409);
        f.post("/api/callbacks/" + b + "/dial", null, alice);
        ApiFixture.Reply done = f.post("/api/callbacks/" + b + "/outcome", "{\"outcome\":\"RESOLVED\",\"note\":\"reset it\"}", alice);
        assertThat(done.status()).isEqualTo(200);
        assertThat(done.json().get("callback").get("state").asText()).isEqualTo("RESOLVED");
        assertThat(f.store.find(b).orElseThrow().state()).isEqualTo(CallbackState.RESOLVED);

        // A stale outcome (already resolved) is a conflict, not a second write.
        assertThat(f.post("/api/callbacks/" + b + "/outcome", "{\"outcome\":\"WRONG_NUMBER\"}", alice).status()).isEqualTo(409);

        ApiFixture.Reply away = f.put("/api/me", "{\"state\":\"away\"}", alice);
        assertThat(away.status()).isEqualTo(200);
        assertThat(away.json().get("consultant").get("state").asText()).isEqualTo("AWAY");
        f.queued(ApiFixture.number(3), "ROUTER");
        ApiFixture.Reply refused = f.post("/api/queue/claim", null, alice);
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.json().get("message").asText()).contains("AWAY");
        assertThat(f.desk.consultants().history("alice")).extracting(e -> e.actor().toString())
                .contains("consultant:alice");
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void noAnswerByHandIsPlannedAgainAndAfterClosingMovesToTheNextMorning(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        dialerAnswering();
        Callback c = f.queued(ApiFixture.number(9), "ROUTER");
        ApiFixture.Auth alice = f.login("alice");
        f.post("/api/queue/claim", null, alice);
        f.post("/api/callbacks/" + c.id() + "/dial", null, alice);

        f.clock.advance(Duration.ofHours(7).plusMinutes(45)); // 17:45 Taipei: too late for today
        ApiFixture.Reply left = f.post("/api/callbacks/" + c.id() + "/outcome", "{\"outcome\":\"LEFT_FOR_THE_DAY\"}", alice);
        assertThat(left.status()).isEqualTo(200);
        assertThat(left.json().get("next").get("planned").asBoolean()).isTrue();
        assertThat(left.json().get("next").get("earliest").asText()).isEqualTo("2026-03-05T01:00:00Z"); // 09:00 Thursday
        assertThat(f.store.find(c.id()).orElseThrow().state()).isEqualTo(CallbackState.SCHEDULED);
    }
}
