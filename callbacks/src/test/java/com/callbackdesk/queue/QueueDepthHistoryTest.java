package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;

import static com.callbackdesk.planning.CallbackState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueueDepthHistoryTest {

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void replaysTheDepthFromTheAuditTrail(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            Instant t0 = desk.clock.instant();
            desk.queued(Desk.number(1), "router-x");                        // hour 0: 1 waiting
            desk.clock.advance(Duration.ofMinutes(30));
            desk.queued(Desk.number(2), "router-x");                        // hour 0: 2
            desk.clock.advance(Duration.ofMinutes(40));                      // hour 1
            long claimed = desk.queue.claimNext("alice").orElseThrow().callbackId();   // 1
            desk.clock.advance(Duration.ofMinutes(5));
            desk.queue.release(claimed, Actor.consultant("alice"), "wrong product after all");   // back: 2
            desk.clock.advance(Duration.ofMinutes(5));
            desk.queue.claimNext("alice").orElseThrow();                    // 1
            desk.clock.advance(Duration.ofHours(1));                         // hour 2: nothing happens

            QueueDepthHistory history = new QueueDepthHistory(desk.db);
            assertThat(history.between(t0, t0.plus(Duration.ofHours(3)), Duration.ofHours(1)))
                    .extracting(QueueDepthHistory.Point::atStart, QueueDepthHistory.Point::peak, QueueDepthHistory.Point::atEnd)
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(0L, 2L, 2L),
                            org.assertj.core.groups.Tuple.tuple(2L, 2L, 1L),
                            org.assertj.core.groups.Tuple.tuple(1L, 1L, 1L));
            // a period starting later begins at the depth replayed up to it
            assertThat(history.between(t0.plus(Duration.ofHours(2)), t0.plus(Duration.ofHours(3)), Duration.ofMinutes(30)))
                    .allSatisfy(p -> assertThat(p.atStart()).isEqualTo(1L)).hasSize(2);
            assertThat(desk.store.find(claimed).orElseThrow().state()).isIn(QUEUED, CLAIMED);

            assertThatThrownBy(() -> history.between(t0, t0, Duration.ofHours(1))).hasMessageStartingWith("to:");
            assertThatThrownBy(() -> history.between(t0, t0.plus(Duration.ofDays(30)), Duration.ofMinutes(1)))
                    .hasMessageStartingWith("step:");
        }
    }
}
