package com.callbackdesk.app.console;

import com.callbackdesk.http.console.TryItFirst;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.policy.PolicyVersion;
import com.callbackdesk.planning.retry.RetryPolicy;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** "Try it first" on its own: one run at a time, capped sizes, the live version it compared against. */
class TryItFirstTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final PolicyVersion LIVE = new PolicyVersion(4, RetryPolicy.defaults(), Actor.supervisor("sue"),
            Instant.parse("2026-11-24T02:00:00Z"), "test", "");

    private static ObjectNode request(int days) {
        ObjectNode r = JSON.createObjectNode().put("scenario", "scenario-month").put("days", days).put("replications", 1);
        r.put("proposed", RetryPolicy.defaults().withMaxAttempts(8).toYaml());
        return r;
    }

    @Test
    void aSecondRunWhileOneIsInProgressIsRefusedNotQueued() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TryItFirst whatIf = new TryItFirst(() -> {
            inside.countDown();
            try {
                release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return LIVE;
        });
        CompletableFuture<ObjectNode> first = CompletableFuture.supplyAsync(
                () -> JSON.<ObjectNode>valueToTree(whatIf.run(request(1), "sue")));
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();

        assertThatThrownBy(() -> whatIf.run(request(1), "sam")).isInstanceOf(TryItFirst.Busy.class)
                .hasMessageContaining("already in progress");

        release.countDown();
        ObjectNode done = first.get(60, TimeUnit.SECONDS);
        assertThat(done.path("currentVersion").asInt()).isEqualTo(4);
        assertThat(done.path("report").path("policies").get(0).path("name").asText()).isEqualTo("current (v4)");
        assertThat(done.path("diff").findValuesAsText("field")).containsExactly("maxAttempts");
        // and the next run is accepted again
        assertThat(JSON.<ObjectNode>valueToTree(whatIf.run(request(1), "sam")).path("report").path("scenario").path("days").asInt()).isEqualTo(1);
    }

    @Test
    void sizesAreCappedAndTheDefaultsKeepAClickShort() {
        TryItFirst whatIf = new TryItFirst(() -> LIVE);
        assertThatThrownBy(() -> whatIf.run(request(TryItFirst.MAX_DAYS + 1), "sue"))
                .isInstanceOf(TryItFirst.InvalidRequest.class).hasMessageContaining("days: must be a whole number from 1 to 31");
        ObjectNode noSizes = JSON.createObjectNode().put("scenario", "scenario-mmc");
        noSizes.set("proposed", JSON.valueToTree(java.util.Map.of("nonsense", 1)));
        assertThatThrownBy(() -> whatIf.run(noSizes, "sue")).isInstanceOf(TryItFirst.InvalidRequest.class)
                .satisfies(e -> assertThat(((TryItFirst.InvalidRequest) e).problems())
                        .anyMatch(p -> p.startsWith("proposed.nonsense: unknown field")));
        assertThat(JSON.<ArrayNode>valueToTree(whatIf.scenarios()).findValuesAsText("id")).containsExactlyElementsOf(TryItFirst.SCENARIOS);
    }
}
