package com.callbackdesk.queue;

import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.callback.QueueOrder;
import com.callbackdesk.consultant.Consultant;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.queue.Eligibility;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The claim query's WHERE and ORDER BY are the planning module's {@link Eligibility} and queue
 * order written in SQL. Over every combination — each product with each escalation level waiting,
 * every non-empty set of skills, supervisor or not — what the database offers a consultant is
 * exactly what the planning rules say, in the same order.
 */
class EligibilitySqlTest {

    private static final List<String> PRODUCTS = List.of("router-x", "modem-y", "tv-z");

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void theClaimQueryOffersExactlyWhatTheEligibilityRuleAllows(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            List<Callback> queued = new ArrayList<>();
            int n = 0;
            for (String product : PRODUCTS) {
                for (EscalationLevel level : EscalationLevel.values()) {
                    long id = desk.queued(Desk.number(++n), product).id();
                    if (level != EscalationLevel.NORMAL) {
                        desk.store.lifecycle().update(id, CallbackChange.none().escalationLevel(level), Desk.SAM, "escalated");
                    }
                    queued.add(desk.store.find(id).orElseThrow());
                    desk.clock.advance(Duration.ofSeconds(7));
                }
            }
            int consultants = 0;
            for (int mask = 1; mask < 1 << PRODUCTS.size(); mask++) {
                String[] skills = skills(mask);
                for (boolean supervisor : new boolean[] {false, true}) {
                    String login = desk.consultant("c" + (++consultants), "IN_HOUSE", supervisor, skills);
                    Consultant who = desk.consultants.find(login).orElseThrow();
                    List<Long> expected = queued.stream()
                            .filter(cb -> Eligibility.mayTake(who.queueSkills(), cb.queueItem()))
                            .sorted(QueueOrder.COMPARATOR).map(Callback::id).toList();
                    assertThat(desk.queue.waitingFor(who)).as("%s supervisor=%s", List.of(skills), supervisor)
                            .extracting(Callback::id).containsExactlyElementsOf(expected);
                    assertThat(desk.queue.waitingCount(who)).isEqualTo(expected.size());
                }
            }
        }
    }

    private static String[] skills(int mask) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < PRODUCTS.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.add(PRODUCTS.get(i));
            }
        }
        return out.toArray(String[]::new);
    }
}
