package com.callbackdesk.http.api;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.QueueOrder;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.storage.DatabaseSettings;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** GET /api/queue is QueueOrder's order (the claim's order) with deadlines and at-risk flags; ?limit; claiming in that order. */
class QueueApiTest {

    private ApiFixture f;

    @AfterEach
    void close() {
        if (f != null) {
            f.close();
        }
    }

    private static List<Long> ids(JsonNode queue) {
        List<Long> ids = new ArrayList<>();
        queue.get("items").forEach(i -> ids.add(i.get("callback").get("id").asLong()));
        return ids;
    }

    /** A mixed queue: levels, deadlines, urgency, another product, a reputational risk. */
    private List<Callback> mixedQueue() {
        List<Callback> routers = new ArrayList<>();
        routers.add(f.queued(ApiFixture.number(1), "ROUTER", "no-internet", Urgency.NORMAL, LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED));
        routers.add(f.queued(ApiFixture.number(2), "ROUTER", "no-internet", Urgency.URGENT, null, ScreenshotChoice.NOT_NEEDED));
        routers.add(f.queued(ApiFixture.number(3), "ROUTER", "slow", Urgency.NORMAL, LocalTime.of(10, 45), ScreenshotChoice.NOT_NEEDED));
        routers.add(f.queued(ApiFixture.number(4), "ROUTER", "slow", Urgency.URGENT, LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED));
        Callback repeat = f.queued(ApiFixture.number(5), "ROUTER", "slow", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED);
        routers.add(f.store.lifecycle().update(repeat.id(), CallbackChange.none().escalationLevel(EscalationLevel.REPEAT_OR_DISSATISFIED),
                Actor.system("repeat-caller-policy"), "repeat caller"));
        f.queued(ApiFixture.number(6), "NAS", "no-internet", Urgency.URGENT, LocalTime.of(11, 0), ScreenshotChoice.NOT_NEEDED);
        Callback risk = f.queued(ApiFixture.number(7), "ROUTER", "slow", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED);
        f.store.lifecycle().update(risk.id(), CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                Actor.supervisor("sam"), "press");
        return routers;
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void theQueueIsInQueueOrderForTheConsultantsSkills(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        List<Callback> routers = mixedQueue();
        List<Long> expected = routers.stream().map(c -> f.store.find(c.id()).orElseThrow())
                .sorted(QueueOrder.COMPARATOR).map(Callback::id).toList();

        ApiFixture.Reply all = f.get("/api/queue", f.login("alice"));
        assertThat(all.status()).isEqualTo(200);
        assertThat(ids(all.json())).as("ROUTER only, no reputational risk, in QueueOrder").isEqualTo(expected);
        assertThat(all.json().get("depth").asInt()).isEqualTo(5);
        assertThat(all.json().get("items").get(0).get("position").asInt()).isEqualTo(1);

        ApiFixture.Reply two = f.get("/api/queue?limit=2", ApiFixture.Auth.basic("alice", ApiFixture.PASSWORD));
        assertThat(ids(two.json())).isEqualTo(expected.subList(0, 2));
        assertThat(two.json().get("depth").asInt()).as("depth counts all, not the page").isEqualTo(5);

        // Claims take them in exactly this order.
        ApiFixture.Auth alice = f.login("alice");
        List<Long> claimed = new ArrayList<>();
        for (int i = 0; i < expected.size(); i++) {
            ApiFixture.Reply claim = f.post("/api/queue/claim", null, alice);
            assertThat(claim.status()).isEqualTo(200);
            long id = claim.json().get("callback").get("id").asLong();
            claimed.add(id);
            assertThat(claim.json().get("callback").get("state").asText()).isEqualTo("CLAIMED");
            // give it back (as a supervisor reassigning would) so alice can claim the next
            f.desk.queue().release(id, Actor.supervisor("sam"), "test: next one");
            f.store.lifecycle().transition(id, CallbackState.QUEUED, CallbackState.SCHEDULED, Actor.system("test"), "out of the way");
        }
        assertThat(claimed).isEqualTo(expected);
        assertThat(f.post("/api/queue/claim", null, alice).status()).as("nothing left for ROUTER").isEqualTo(204);
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void eachItemCarriesTheCallersEndOfDayAndWhetherItIsAtRisk(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        Callback soon = f.queued(ApiFixture.number(1), "ROUTER", "slow", Urgency.NORMAL, LocalTime.of(10, 45), ScreenshotChoice.NOT_NEEDED);
        Callback later = f.queued(ApiFixture.number(2), "ROUTER", "slow", Urgency.NORMAL, LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED);
        Callback closing = f.queued(ApiFixture.number(3), "ROUTER", "slow", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED);

        JsonNode items = f.get("/api/queue", f.login("alice")).json().get("items");
        assertThat(items).hasSize(3);
        // 10:00 Taipei now; the default policy's endOfDayLead is 30m, so less than 1h left is at risk.
        assertThat(item(items, soon.id()).get("deadline").asText()).isEqualTo("2026-03-04T02:45:00Z");
        assertThat(item(items, soon.id()).get("atRisk").asBoolean()).isTrue();
        assertThat(item(items, later.id()).get("deadline").asText()).isEqualTo("2026-03-04T09:30:00Z");
        assertThat(item(items, later.id()).get("atRisk").asBoolean()).isFalse();
        assertThat(item(items, closing.id()).get("deadline").asText()).as("office close").isEqualTo("2026-03-04T10:00:00Z");

        f.clock.advance(java.time.Duration.ofHours(7)); // 17:00 Taipei
        items = f.get("/api/queue", ApiFixture.Auth.basic("alice", ApiFixture.PASSWORD)).json().get("items");
        assertThat(item(items, later.id()).get("atRisk").asBoolean()).isTrue();
        assertThat(item(items, closing.id()).get("atRisk").asBoolean()).isTrue();
    }

    @ParameterizedTest
    @MethodSource("com.callbackdesk.storage.TestDatabases#both")
    void aSupervisorConsultantAlsoSeesReputationalRisk(DatabaseSettings settings) throws Exception {
        f = new ApiFixture(settings);
        f.consultant("alice", "ROUTER");
        f.consultant("sam", "in-house", true, "ROUTER");
        List<Callback> routers = mixedQueue();

        ApiFixture.Reply sam = f.get("/api/queue", f.login("sam"));
        assertThat(sam.json().get("depth").asInt()).isEqualTo(routers.size() + 1);
        assertThat(sam.json().get("items").get(0).get("callback").get("escalationLevel").asText())
                .isEqualTo("REPUTATIONAL_RISK");
        assertThat(f.get("/api/queue", f.login("alice")).json().get("depth").asInt()).isEqualTo(routers.size());
    }

    private static JsonNode item(JsonNode items, long id) {
        for (JsonNode i : items) {
            if (i.get("callback").get("id").asLong() == id) {
                return i;
            }
        }
        throw new AssertionError("callback " + id + " not in the queue: " + items);
    }
}
