package com.callbackdesk.queue;

import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Average handle time by consultant and group: talk plus after-call work,
 * from the caller answering to the consultant recording the outcome — not the ringing before.
 */
class DeskKpisHandleTimeTest {

    private static final Duration RINGING = Duration.ofSeconds(15);

    /** Queued, claimed by {@code login}, rings for 15 s, answered; the consultant takes {@code handle} to record {@code outcome}. */
    private static long handled(Desk desk, String login, int n, Duration handle, Outcome outcome) {
        long id = answered(desk, login, n);
        desk.clock.advance(handle);
        desk.outcomes.record(id, Actor.consultant(login), outcome, null);
        return id;
    }

    /** Queued, claimed by {@code login}, rung for 15 s and answered; the conversation is still going. */
    private static long answered(Desk desk, String login, int n) {
        long id = desk.queued(Desk.number(n), "router-x").id();
        assertThat(desk.queue.claimNext(login).orElseThrow().callbackId()).isEqualTo(id);
        desk.outcomes.startDialing(id, Desk.DIALER, null);
        desk.clock.advance(RINGING);
        desk.outcomes.answered(id, Desk.DIALER, null);
        return id;
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void handleTimeRunsFromAnswerToOutcomeForAnsweredAttemptsThatEndedInThePeriod(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "IN_HOUSE", false, "router-x");
            desk.consultant("amy", "IN_HOUSE", false, "router-x");
            desk.consultant("olga", "OUTSOURCED-ACME", false, "router-x");
            DeskKpis kpis = new DeskKpis(desk.db);

            // Before the period: a long call of alice's that must not count.
            handled(desk, "alice", 1, Duration.ofSeconds(1000), Outcome.resolved());
            Instant from = desk.clock.instant().plusSeconds(1);
            desk.clock.advance(Duration.ofMinutes(1));

            handled(desk, "alice", 2, Duration.ofSeconds(300), Outcome.resolved());
            handled(desk, "alice", 3, Duration.ofSeconds(120),
                    Outcome.callBackAt(desk.clock.instant().plus(Duration.ofHours(2))));
            handled(desk, "amy", 4, Duration.ofSeconds(600), Outcome.resolved());
            handled(desk, "olga", 5, Duration.ofSeconds(900), Outcome.resolved());
            handled(desk, "olga", 6, Duration.ofMillis(450_500), Outcome.of(OutcomeCode.WRONG_NUMBER));
            // Not answered: rings out, no handle time.
            long rang = desk.queued(Desk.number(7), "router-x").id();
            desk.queue.claimNext("olga").orElseThrow();
            desk.outcomes.startDialing(rang, Desk.DIALER, null);
            desk.clock.advance(Duration.ofSeconds(30));
            desk.outcomes.record(rang, Desk.DIALER, Outcome.of(OutcomeCode.NO_ANSWER), null);
            // Answered in the period, but its outcome is recorded after it: counts in the period it ended in.
            long running = answered(desk, "amy", 8);
            desk.clock.advance(Duration.ofSeconds(10));
            Instant to = desk.clock.instant();
            desk.clock.advance(Duration.ofSeconds(50));
            desk.outcomes.record(running, Actor.consultant("amy"), Outcome.resolved(), null);

            assertThat(kpis.handleTimeByGroup(from, to)).containsExactly(
                    // 120, 300, 600 s: median the 2nd, p90 the 3rd (nearest rank)
                    new DeskKpis.HandleTime("IN_HOUSE", 3, 340.0, 300, 600),
                    // 450.5 and 900 s: percentiles in whole seconds, the average exact
                    new DeskKpis.HandleTime("OUTSOURCED-ACME", 2, 675.25, 450, 900));
            assertThat(kpis.handleTimeByConsultant(from, to)).containsExactly(
                    new DeskKpis.HandleTime("alice", 2, 210.0, 120, 300),
                    new DeskKpis.HandleTime("amy", 1, 600.0, 600, 600),
                    new DeskKpis.HandleTime("olga", 2, 675.25, 450, 900));

            // The next period has amy's late outcome: 10 + 50 s after the answer.
            assertThat(kpis.handleTimeByConsultant(to, desk.clock.instant().plusSeconds(1)))
                    .containsExactly(new DeskKpis.HandleTime("amy", 1, 60.0, 60, 60));
            assertThat(kpis.handleTimeByGroup(from.minusSeconds(3600), from)).as("alice's call before the period")
                    .containsExactly(new DeskKpis.HandleTime("IN_HOUSE", 1, 1000.0, 1000, 1000));
            assertThat(kpis.handleTimeByGroup(desk.clock.instant().plusSeconds(1), desk.clock.instant().plusSeconds(60)))
                    .isEmpty();
            assertThatThrownBy(() -> kpis.handleTimeByGroup(null, to)).hasMessageContaining("from");
        }
    }
}
