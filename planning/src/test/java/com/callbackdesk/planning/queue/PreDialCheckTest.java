package com.callbackdesk.planning.queue;

import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Instant;
import java.time.LocalTime;

import static org.assertj.core.api.Assertions.assertThat;

class PreDialCheckTest {

    private static final Instant NOW = Instant.parse("2025-03-03T08:00:00Z");
    private static final Instant WINDOW_END = NOW.plusSeconds(600);

    @ParameterizedTest
    @EnumSource(value = CallbackState.class, names = {"QUEUED", "CLAIMED"})
    void stillWantedAndInsideTheWindowDials(CallbackState state) {
        assertThat(PreDialCheck.decide(cb(state, null), NOW, WINDOW_END)).isEqualTo(PreDialDecision.DIAL);
        assertThat(PreDialCheck.decide(cb(state, null), WINDOW_END, WINDOW_END)).isEqualTo(PreDialDecision.DIAL);
    }

    @Test
    void cancelledByTheCallerIsNeverDialledEvenInsideItsWindow() {
        PreDialDecision d = PreDialCheck.decide(cb(CallbackState.CANCELLED, null), NOW, WINDOW_END);
        assertThat(d).isEqualTo(PreDialDecision.CANCELLED_BY_CALLER);
        assertThat(d.dial()).isFalse();
        assertThat(d.replan()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(value = CallbackState.class, names = {"RESOLVED", "EXPIRED", "UNREACHABLE"})
    void otherClosedStatesAreClosed(CallbackState state) {
        assertThat(PreDialCheck.decide(cb(state, null), NOW.plusSeconds(9999), WINDOW_END)).isEqualTo(PreDialDecision.CLOSED);
    }

    @ParameterizedTest
    @EnumSource(value = CallbackState.class, names = {"PENDING", "SCHEDULED", "DIALING", "CONNECTED"})
    void openButMovedOnIsLeftAlone(CallbackState state) {
        assertThat(PreDialCheck.decide(cb(state, null), NOW, WINDOW_END)).isEqualTo(PreDialDecision.MOVED_ON);
    }

    @Test
    void pastTheWindowIsReplanned() {
        PreDialDecision d = PreDialCheck.decide(cb(CallbackState.CLAIMED, null), WINDOW_END.plusNanos(1000), WINDOW_END);
        assertThat(d).isEqualTo(PreDialDecision.WINDOW_PASSED);
        assertThat(d.replan()).isTrue();
    }

    @Test
    void beforeTheCallersChosenTimeIsReplanned() {
        assertThat(PreDialCheck.decide(cb(CallbackState.CLAIMED, NOW.plusSeconds(60)), NOW, WINDOW_END))
                .isEqualTo(PreDialDecision.NOT_YET);
        assertThat(PreDialCheck.decide(cb(CallbackState.CLAIMED, NOW), NOW, WINDOW_END)).isEqualTo(PreDialDecision.DIAL);
    }

    private static QueueItem cb(CallbackState state, Instant notBefore) {
        return new QueueItem(7, state, "router-x", EscalationLevel.NORMAL, Urgency.URGENT, LocalTime.of(17, 0),
                NOW, notBefore);
    }
}
