package com.callbackdesk.planning.queue;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalTime;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Queue order and eligibility over the planning view, without any storage. */
class QueueRulesTest {

    private static final Instant T = Instant.parse("2025-03-03T02:00:00Z");

    @Test
    void levelThenDeadlineThenUrgencyThenAgeThenId() {
        QueueItem risk = item(9, EscalationLevel.REPUTATIONAL_RISK, Urgency.NORMAL, null, 50);
        QueueItem repeat = item(8, EscalationLevel.REPEAT_OR_DISSATISFIED, Urgency.NORMAL, null, 99);
        QueueItem urgent1630 = item(3, EscalationLevel.NORMAL, Urgency.URGENT, LocalTime.of(16, 30), 90);
        QueueItem leaves1630 = item(2, EscalationLevel.NORMAL, Urgency.NORMAL, LocalTime.of(16, 30), 60);
        QueueItem leaves1800 = item(4, EscalationLevel.NORMAL, Urgency.NORMAL, LocalTime.of(18, 0), 0);
        QueueItem urgentUntilClose = item(1, EscalationLevel.NORMAL, Urgency.URGENT, null, 0);
        QueueItem oldUntilClose = item(6, EscalationLevel.NORMAL, Urgency.NORMAL, null, 0);
        QueueItem tieLow = item(5, EscalationLevel.NORMAL, Urgency.NORMAL, null, 10);
        QueueItem tieHigh = item(7, EscalationLevel.NORMAL, Urgency.NORMAL, null, 10);
        assertThat(Stream.of(tieHigh, oldUntilClose, urgentUntilClose, leaves1800, leaves1630, urgent1630, tieLow,
                repeat, risk).sorted(QueueOrder.COMPARATOR))
                .containsExactly(risk, repeat, urgent1630, leaves1630, leaves1800, urgentUntilClose, oldUntilClose,
                        tieLow, tieHigh);
    }

    @Test
    void productMustBeInTheSkillsAndReputationalRiskGoesToSupervisorsOnly() {
        ConsultantSkills agent = new ConsultantSkills(Set.of("router", "tv"), false);
        ConsultantSkills supervisor = new ConsultantSkills(Set.of("router"), true);
        QueueItem router = item(1, EscalationLevel.REPEAT_OR_DISSATISFIED, Urgency.NORMAL, null, 0);
        QueueItem routerRisk = item(2, EscalationLevel.REPUTATIONAL_RISK, Urgency.NORMAL, null, 0);
        QueueItem phone = new QueueItem(3, CallbackState.QUEUED, "phone", EscalationLevel.NORMAL, Urgency.NORMAL,
                null, T, null);
        assertThat(Eligibility.mayTake(agent, router)).isTrue();
        assertThat(Eligibility.refusal(agent, routerRisk)).contains(Eligibility.Refusal.SUPERVISORS_ONLY);
        assertThat(Eligibility.refusal(agent, phone)).contains(Eligibility.Refusal.PRODUCT_NOT_IN_SKILLS);
        assertThat(Eligibility.mayTake(supervisor, routerRisk)).isTrue();
        assertThat(Eligibility.refusal(supervisor, phone)).contains(Eligibility.Refusal.PRODUCT_NOT_IN_SKILLS);
    }

    private static QueueItem item(long id, EscalationLevel level, Urgency urgency, LocalTime until, long secondsAfter) {
        return new QueueItem(id, CallbackState.QUEUED, "router", level, urgency, until, T.plusSeconds(secondsAfter),
                null);
    }
}
