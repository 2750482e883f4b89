package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.survey.SurveyState;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

/** Policy changes with a reason → versions, history with diffs and audit; the audit search; the dashboard. */
class SupervisorApiTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static String json(Object o) throws Exception {
        return ApiFixture.JSON.writeValueAsString(o);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aPolicyChangeWithAReasonIsVersionedWithHistoryAndAudit(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.supervisor("sue");
        f.supervisor("tom");
        ApiFixture.Auth sue = f.login("sue");
        ApiFixture.Auth tom = f.login("tom");

        JsonNode live = f.get("/api/policy", sue).json();
        assertThat(live.get("version").asInt()).isEqualTo(1);
        assertThat(live.get("changedBy").asText()).isEqualTo("system:install");
        assertThat(live.get("fields").get("maxAttempts").asText()).isEqualTo("6");
        String edited = live.get("yaml").asText().replace("maxAttempts: 6", "maxAttempts: 4");

        ObjectNode validate = ApiFixture.JSON.createObjectNode().put("policy", edited);
        JsonNode ok = f.post("/api/policy/validate", json(validate), sue).json();
        assertThat(ok.get("valid").asBoolean()).isTrue();
        assertThat(ok.get("changes")).hasSize(1);
        assertThat(ok.get("changes").get(0).get("field").asText()).isEqualTo("maxAttempts");
        assertThat(ok.get("changes").get(0).get("after").asText()).isEqualTo("4");

        ObjectNode bad = ApiFixture.JSON.createObjectNode().put("policy", edited.replace("maxAttempts: 4", "maxAttempts: 99"));
        JsonNode invalid = f.post("/api/policy/validate", json(bad), sue).json();
        assertThat(invalid.get("valid").asBoolean()).isFalse();
        assertThat(invalid.get("errors").get(0).get("field").asText()).isEqualTo("maxAttempts");
        assertThat(invalid.get("errors").get(0).get("rule").asText()).contains("between 1 and 50");

        ObjectNode save = ApiFixture.JSON.createObjectNode().put("policy", edited).put("basedOn", 1)
                .put("reason", "six attempts annoy callers");
        ApiFixture.Reply saved = f.put("/api/policy", json(save), sue);
        assertThat(saved.status()).isEqualTo(200);
        assertThat(saved.json().get("version").asInt()).isEqualTo(2);
        assertThat(saved.json().get("changedBy").asText()).isEqualTo("supervisor:sue");
        assertThat(saved.json().get("changes").get(0).get("before").asText()).isEqualTo("6");
        assertThat(f.planning.livePolicy().policy().maxAttempts()).as("live for the planner").isEqualTo(4);

        // Tom edited version 1 too: his save is stale and refused, nothing overwritten.
        ObjectNode stale = ApiFixture.JSON.createObjectNode().put("policy", edited.replace("maxAttempts: 4", "maxAttempts: 8"))
                .put("basedOn", 1).put("reason", "more attempts");
        ApiFixture.Reply conflict = f.put("/api/policy", json(stale), tom);
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(conflict.json().get("message").asText()).contains("version 2 is live");
        assertThat(f.policies.history()).hasSize(2);

        // The same policy again is not a change.
        ObjectNode same = ApiFixture.JSON.createObjectNode().put("policy", edited).put("basedOn", 2).put("reason", "again");
        ApiFixture.Reply unchanged = f.put("/api/policy", json(same), sue);
        assertThat(unchanged.status()).isEqualTo(400);
        assertThat(unchanged.json().get("field").asText()).isEqualTo("policy");

        JsonNode history = f.get("/api/policy/history", tom).json().get("versions");
        assertThat(history).hasSize(2);
        assertThat(history.get(0).get("version").asInt()).isEqualTo(2);
        assertThat(history.get(0).get("reason").asText()).isEqualTo("six attempts annoy callers");
        assertThat(history.get(0).get("diff").asText()).contains("maxAttempts").contains("6").contains("4");
        assertThat(history.get(0).get("changes")).hasSize(1);
        assertThat(history.get(1).get("changedBy").asText()).isEqualTo("system:install");

        JsonNode audit = f.get("/api/audit?source=policy", tom).json();
        assertThat(audit.get("total").asInt()).isEqualTo(2);
        assertThat(audit.get("items").get(0).get("actor").asText()).isEqualTo("supervisor:sue");
        assertThat(audit.get("items").get(0).get("why").asText()).isEqualTo("six attempts annoy callers");
        assertThat(audit.get("items").get(0).get("version").asInt()).isEqualTo(2);
        assertThat(f.get("/api/audit?source=policy&actor=sue", tom).json().get("total").asInt()).isEqualTo(1);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theAuditIsFilterableAndPaged(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.supervisor("sue");
        f.consultant("alice", "ROUTER");
        ApiFixture.Auth sue = f.login("sue");
        Callback c = f.queued(ApiFixture.number(1), "ROUTER");
        f.queued(ApiFixture.number(2), "ROUTER");
        f.post("/api/queue/claim", null, f.login("alice"));

        JsonNode one = f.get("/api/audit?callbackId=" + c.id(), sue).json();
        assertThat(one.get("source").asText()).isEqualTo("callback");
        assertThat(one.get("total").asInt()).isEqualTo(3); // created, queued, claimed
        assertThat(one.get("items").get(0).get("newState").asText()).as("newest first").isEqualTo("CLAIMED");
        assertThat(one.get("items").get(0).get("actor").asText()).isEqualTo("consultant:alice");

        JsonNode page0 = f.get("/api/audit?size=2", sue).json();
        JsonNode page2 = f.get("/api/audit?size=2&page=2", sue).json();
        assertThat(page0.get("total").asInt()).isEqualTo(5);
        assertThat(page0.get("items")).hasSize(2);
        assertThat(page2.get("items")).hasSize(1);
        assertThat(f.get("/api/audit?actor=alice", sue).json().get("total").asInt()).isEqualTo(1);
        assertThat(f.get("/api/audit?from=" + ApiFixture.T0.plusSeconds(1), sue).json().get("total").asInt()).isZero();

        JsonNode accounts = f.get("/api/audit?source=account&login=alice", sue).json();
        assertThat(accounts.get("items").get(0).get("action").asText()).isEqualTo("CREATED");
        assertThat(accounts.get("items").get(0).get("login").asText()).isEqualTo("alice");
        assertThat(f.get("/api/audit?source=consultant&login=alice", sue).json().get("total").asInt()).isEqualTo(2);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theDashboardShowsTheDesksFigures(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.supervisor("sue");
        f.consultant("alice", "in-house", false, "ROUTER");
        f.consultant("bob", "outsourced", false, "ROUTER");
        Actor dialer = Actor.system("dialer");

        // Resolved by alice (score 5, 90 s from answer to outcome) and by bob (score 2, 150 s).
        for (String login : new String[] {"alice", "bob"}) {
            Callback c = f.queued(ApiFixture.number(login.length() * 10), "ROUTER");
            f.desk.queue().claimNext(login);
            f.desk.outcomes().startDialing(c.id(), dialer, null);
            f.desk.outcomes().answered(c.id(), dialer, null);
            f.clock.advance(Duration.ofSeconds(login.equals("alice") ? 90 : 150));
            f.desk.outcomes().record(c.id(), Actor.consultant(login), Outcome.resolved(), null);
            f.desk.surveys().record(c.id(), login, SurveyState.COMPLETED, login.equals("alice") ? 5 : 2, null, null);
        }
        // Dialled, no answer, then the caller cancels: a wasted dial.
        Callback wasted = f.queued(ApiFixture.number(3), "ROUTER");
        f.desk.queue().claimNext("alice");
        f.desk.outcomes().startDialing(wasted.id(), dialer, null);
        f.desk.outcomes().record(wasted.id(), dialer, Outcome.of(OutcomeCode.NO_ANSWER), null);
        // the desk planned the next attempt at once; the caller then cancels it (the audited self-cancel)
        f.desk.planning().cancel(wasted.id(), Actor.caller(ApiFixture.number(3)), "solved it");
        // Waiting: one leaving at 10:45 (at risk), one there until 17:30.
        Callback soon = f.queued(ApiFixture.number(4), "ROUTER", "slow", Urgency.NORMAL, LocalTime.of(10, 45), ScreenshotChoice.NOT_NEEDED);
        f.queued(ApiFixture.number(5), "ROUTER", "slow", Urgency.NORMAL, LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED);

        ApiFixture.Auth sue = f.login("sue");
        JsonNode d = f.get("/api/dashboard", sue).json();
        assertThat(d.get("from").asText()).isEqualTo("2026-03-03T16:00:00Z"); // midnight in Taipei
        assertThat(d.get("queueDepth").asInt()).isEqualTo(2);
        assertThat(d.get("atRisk").asInt()).isEqualTo(1);
        assertThat(d.get("endOfDayMisses").asInt()).as("nobody's end of day has passed yet").isZero();
        assertThat(d.get("wasted").asInt()).isEqualTo(1);
        assertThat(d.get("cancelledByCaller").asInt()).isEqualTo(1);
        assertThat(d.get("surveys").get("completed").asInt()).isEqualTo(2);
        assertThat(d.get("surveys").get("completionRate").asDouble()).isEqualTo(1.0);
        assertThat(d.get("surveys").get("byGroup")).extracting(g -> g.get("key").asText() + "=" + g.get("average").asDouble())
                .containsExactly("in-house=5.0", "outsourced=2.0");
        assertThat(d.get("surveys").get("byConsultant")).extracting(g -> g.get("key").asText())
                .containsExactly("alice", "bob");
        assertThat(d.get("recontact")).extracting(g -> g.get("group").asText() + ":" + g.get("resolved").asInt())
                .containsExactly("in-house:1", "outsourced:1");
        assertThat(d.get("contactVolume").get(0).get("contacts").asInt()).isGreaterThanOrEqualTo(2);
        // Handle time: answered attempts only (the wasted dial rang out), answer to outcome.
        assertThat(d.get("handleTimeByGroup")).extracting(g -> g.get("key").asText() + ":" + g.get("answered").asInt()
                        + ":" + g.get("averageSeconds").asDouble() + ":" + g.get("medianSeconds").asLong()
                        + ":" + g.get("p90Seconds").asLong())
                .containsExactly("in-house:1:90.0:90:90", "outsourced:1:150.0:150:150");
        assertThat(d.get("handleTimeByConsultant")).extracting(g -> g.get("key").asText() + "=" + g.get("averageSeconds").asDouble())
                .containsExactly("alice=90.0", "bob=150.0");

        // 11:00: the 10:45 caller's end of day passed without contact — an end-of-day miss.
        f.clock.advance(Duration.ofHours(1));
        JsonNode later = f.get("/api/dashboard", sue).json();
        assertThat(later.get("endOfDayMisses").asInt()).isEqualTo(1);
        assertThat(f.store.find(soon.id()).orElseThrow().state()).isEqualTo(CallbackState.QUEUED);
    }
}
