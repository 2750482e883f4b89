package com.callbackdesk.callback;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;

import static com.callbackdesk.planning.CallbackState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackDomainTest {

    @Test
    void openStatesAreTheStillWantedOnes() {
        assertThat(CallbackState.openStates()).containsExactly(PENDING, SCHEDULED, QUEUED, CLAIMED, DIALING, CONNECTED);
        assertThat(EnumSet.allOf(CallbackState.class)).filteredOn(CallbackState::isClosed)
                .containsExactly(RESOLVED, CANCELLED, EXPIRED, UNREACHABLE);
    }

    @ParameterizedTest
    @EnumSource(value = CallbackState.class, names = {"RESOLVED", "CANCELLED", "EXPIRED", "UNREACHABLE"})
    void closedStatesAreTerminal(CallbackState closed) {
        assertThat(closed.allowedNext()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(value = CallbackState.class, names = {"PENDING", "SCHEDULED", "QUEUED", "CLAIMED", "DIALING", "CONNECTED"})
    void everyOpenStateCanBeCancelledAndNoneMovesToItself(CallbackState open) {
        assertThat(open.canMoveTo(CANCELLED)).isTrue();
        assertThat(open.canMoveTo(open)).isFalse();
    }

    @Test
    void theLifecycleTableSaysWhatADeskNeeds() {
        // the happy path
        assertThat(PENDING.canMoveTo(SCHEDULED)).isTrue();
        assertThat(SCHEDULED.canMoveTo(QUEUED)).isTrue();
        assertThat(QUEUED.canMoveTo(CLAIMED)).isTrue();
        assertThat(CLAIMED.canMoveTo(DIALING)).isTrue();
        assertThat(DIALING.canMoveTo(CONNECTED)).isTrue();
        assertThat(CONNECTED.canMoveTo(RESOLVED)).isTrue();
        // only a conversation resolves
        assertThat(EnumSet.allOf(CallbackState.class)).filteredOn(s -> s.canMoveTo(RESOLVED)).containsExactly(CONNECTED);
        // retries and deferrals
        assertThat(DIALING.canMoveTo(SCHEDULED)).isTrue();
        assertThat(CONNECTED.canMoveTo(SCHEDULED)).isTrue();
        assertThat(CLAIMED.canMoveTo(QUEUED)).isTrue();
        // a claimed callback is not dialled without the dialer's step
        assertThat(QUEUED.canMoveTo(DIALING)).isFalse();
        assertThat(PENDING.canMoveTo(CLAIMED)).isFalse();
    }

    @Test
    void intakeCommandChecksWhatTheStoreRelies() {
        Instant at = Instant.parse("2025-03-03T02:00:00Z");
        assertThatThrownBy(() -> new NewCallback("u", null, null, "0912345678", NumberSource.ENTERED, "en", "p", "c",
                Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, at))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callbackNumber");
        assertThatThrownBy(() -> new NewCallback("u", null, "12", "+886912345678", NumberSource.ENTERED, "en", "p",
                "c", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, at))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callerId");
        assertThatThrownBy(() -> new NewCallback(" ", null, null, "+886912345678", NumberSource.ENTERED, "en", "p",
                "c", Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, at))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callUniqueId");
        assertThatThrownBy(() -> new NewCallback("u", null, null, "+886912345678", NumberSource.ENTERED, "en", "p",
                "c", null, null, ScreenshotChoice.NOT_NEEDED, at))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("urgency");
        assertThat(new NewCallback("u", null, null, "+886912345678", NumberSource.ENTERED, null, "p", "c",
                Urgency.NORMAL, null, ScreenshotChoice.NOT_NEEDED, at).untilOfficeCloses()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " "})
    void actorsNeedAName(String name) {
        assertThatThrownBy(() -> Actor.consultant(name)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void actorFactories() {
        assertThat(Actor.system("intake-route")).isEqualTo(new Actor(Actor.Kind.SYSTEM, "intake-route"));
        assertThat(Actor.caller("+886912345678").kind()).isEqualTo(Actor.Kind.CALLER);
        assertThat(Actor.supervisor("sam").toString()).isEqualTo("supervisor:sam");
    }

    @Test
    void aChangeTouchesOnlyWhatItNames() {
        Instant t = Instant.parse("2025-03-03T02:00:00Z");
        Callback c = new Callback(1, SCHEDULED, null, "+886912345678", NumberSource.ENTERED, "en", "p", "c",
                Urgency.NORMAL, LocalTime.of(17, 0), ScreenshotChoice.SMS, EscalationLevel.NORMAL, "u", t, t, 0,
                t, t.plusSeconds(60), 2);
        Callback changed = CallbackChange.none().plannedAt(null).reachableUntil(null).urgency(Urgency.URGENT)
                .applyTo(c, t.plusSeconds(1));
        assertThat(changed.plannedAt()).isNull();
        assertThat(changed.reachableUntil()).isNull();
        assertThat(changed.urgency()).isEqualTo(Urgency.URGENT);
        assertThat(changed.notBefore()).isEqualTo(t);
        assertThat(changed.policyVersion()).isEqualTo(2);
        assertThat(changed.updatedAt()).isEqualTo(t.plusSeconds(1));
        assertThat(CallbackChange.none().isEmpty()).isTrue();
        assertThat(CallbackChange.none().applyTo(c, t)).isEqualTo(c);
    }

    @Test
    void queueOrderComparatorPutsEscalationThenUrgencyThenAgeThenId() {
        Instant t = Instant.parse("2025-03-03T02:00:00Z");
        Callback risk = cb(5, EscalationLevel.REPUTATIONAL_RISK, Urgency.NORMAL, t.plusSeconds(50));
        Callback urgent = cb(4, EscalationLevel.NORMAL, Urgency.URGENT, t.plusSeconds(40));
        Callback old = cb(3, EscalationLevel.NORMAL, Urgency.NORMAL, t);
        Callback tieLow = cb(1, EscalationLevel.NORMAL, Urgency.NORMAL, t.plusSeconds(10));
        Callback tieHigh = cb(2, EscalationLevel.NORMAL, Urgency.NORMAL, t.plusSeconds(10));
        assertThat(java.util.stream.Stream.of(tieHigh, old, urgent, tieLow, risk).sorted(QueueOrder.COMPARATOR))
                .containsExactly(risk, urgent, old, tieLow, tieHigh);
        assertThat(QueueOrder.orderBy()).contains("escalation_level").contains("urgency").contains("created_at");
    }

    @Test
    void queueOrderPutsTheEarlierDeadlineBeforeUrgencyAndNoStatedTimeLast() {
        Instant t = Instant.parse("2025-03-03T02:00:00Z");
        Callback urgentUntilClose = withDeadline(cb(1, EscalationLevel.NORMAL, Urgency.URGENT, t), null);
        Callback leaves1630 = withDeadline(cb(2, EscalationLevel.NORMAL, Urgency.NORMAL, t.plusSeconds(60)),
                LocalTime.of(16, 30));
        Callback urgent1630 = withDeadline(cb(3, EscalationLevel.NORMAL, Urgency.URGENT, t.plusSeconds(90)),
                LocalTime.of(16, 30));
        Callback leaves1800 = withDeadline(cb(4, EscalationLevel.NORMAL, Urgency.NORMAL, t), LocalTime.of(18, 0));
        Callback repeatUntilClose = cb(5, EscalationLevel.REPEAT_OR_DISSATISFIED, Urgency.NORMAL, t.plusSeconds(99));
        assertThat(java.util.stream.Stream.of(urgentUntilClose, leaves1630, urgent1630, leaves1800, repeatUntilClose)
                .sorted(QueueOrder.COMPARATOR))
                .containsExactly(repeatUntilClose, urgent1630, leaves1630, leaves1800, urgentUntilClose);
        assertThat(QueueOrder.orderBy()).contains("reachable_until");
    }

    private static Callback withDeadline(Callback c, LocalTime until) {
        return new Callback(c.id(), c.state(), c.callerId(), c.callbackNumber(), c.numberSource(), c.language(),
                c.product(), c.category(), c.urgency(), until, c.screenshotChoice(), c.escalationLevel(),
                c.callUniqueId(), c.createdAt(), c.updatedAt(), c.mergeCount(), c.notBefore(), c.plannedAt(),
                c.policyVersion());
    }

    private static Callback cb(long id, EscalationLevel level, Urgency urgency, Instant created) {
        return new Callback(id, PENDING, null, "+88691234567" + id, NumberSource.ENTERED, "en", "p", "c", urgency,
                null, ScreenshotChoice.NOT_NEEDED, level, "u" + id, created, created, 0, null, null, null);
    }
}
