package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.QueueOrder;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.planning.queue.PreDialCheck;
import com.callbackdesk.planning.queue.PreDialDecision;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;

import static com.callbackdesk.planning.CallbackState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CallbackQueueTest {

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void claimsFollowQueueOrderWithinTheConsultantsSkills(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x", "modem-y");
            long routerOld = desk.queued(Desk.number(1), "router-x").id();
            desk.clock.advance(Duration.ofMinutes(1));
            long tv = desk.queued(Desk.number(2), "tv-z").id(); // not alice's product
            long modemLeavesEarly = desk.queued(Desk.number(3), "modem-y", "no-internet", Urgency.NORMAL,
                    LocalTime.of(16, 0), ScreenshotChoice.NOT_NEEDED).id();
            long routerUrgent = desk.queued(Desk.number(4), "router-x", "no-internet", Urgency.URGENT,
                    LocalTime.of(17, 30), ScreenshotChoice.NOT_NEEDED).id();
            long repeat = desk.queued(Desk.number(5), "modem-y").id();
            desk.store.lifecycle().update(repeat, CallbackChange.none().escalationLevel(EscalationLevel.REPEAT_OR_DISSATISFIED),
                    Desk.SAM, "third call this week");
            long pendingNotQueued = desk.intake(Desk.number(6), "router-x", "no-internet", Urgency.URGENT, null,
                    ScreenshotChoice.NOT_NEEDED).id();

            // what alice could take, in the one queue order, matches the comparator over the same rows
            List<Callback> waiting = desk.queue.waitingFor(desk.consultants.find("alice").orElseThrow());
            assertThat(waiting).extracting(Callback::id).containsExactly(repeat, modemLeavesEarly, routerUrgent, routerOld);
            assertThat(waiting.stream().sorted(QueueOrder.COMPARATOR).map(Callback::id).toList())
                    .containsExactly(repeat, modemLeavesEarly, routerUrgent, routerOld);

            List<Long> claimedInOrder = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Claim claim = desk.queue.claimNext("alice").orElseThrow();
                assertThat(claim.consultant()).isEqualTo("alice");
                assertThat(claim.callback().state()).isEqualTo(CLAIMED);
                assertThat(claim.claimedAt()).isEqualTo(desk.clock.instant());
                assertThat(desk.queue.currentClaim("alice")).get().extracting(Claim::callbackId).isEqualTo(claim.callbackId());
                claimedInOrder.add(claim.callbackId());
                desk.store.lifecycle().transition(claim.callbackId(), CLAIMED, SCHEDULED, Actor.consultant("alice"), "later");
            }
            assertThat(claimedInOrder).containsExactly(repeat, modemLeavesEarly, routerUrgent, routerOld);
            assertThat(desk.queue.claimNext("alice")).isEmpty();
            assertThat(desk.store.find(tv).orElseThrow().state()).isEqualTo(QUEUED);
            assertThat(desk.store.find(pendingNotQueued).orElseThrow().state()).isEqualTo(PENDING);

            List<AuditEntry> trail = desk.store.history(repeat);
            AuditEntry claimRow = trail.stream().filter(e -> e.newState() == CLAIMED).findFirst().orElseThrow();
            assertThat(claimRow.actor()).isEqualTo(Actor.consultant("alice"));
            assertThat(claimRow.oldState()).isEqualTo(QUEUED);
            assertThat(claimRow.why()).isEqualTo("claimed from the queue");
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void onlyAvailableConsultantsClaimAndOnlyOneCallbackAtATime(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long first = desk.queued(Desk.number(1), "router-x").id();
            long second = desk.queued(Desk.number(2), "router-x").id();

            assertThatThrownBy(() -> desk.queue.claimNext("nobody")).isInstanceOf(NoSuchElementException.class);
            desk.consultants.setState("alice", ConsultantState.AWAY, Actor.consultant("alice"), "lunch");
            assertThatThrownBy(() -> desk.queue.claimNext("alice"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("AWAY");
            desk.consultants.setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "back");

            assertThat(desk.queue.claimNext("alice")).get().extracting(Claim::callbackId).isEqualTo(first);
            assertThatThrownBy(() -> desk.queue.claimNext("alice"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("already holds callback " + first);
            assertThat(desk.store.find(second).orElseThrow().state()).isEqualTo(QUEUED);
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void releaseReturnsItToTheQueueAuditedAndOnlyTheHolderOrASupervisorMayRelease(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("bob", "router-x");
            long id = desk.queued(Desk.number(1), "router-x").id();
            desk.queue.claimNext("alice").orElseThrow();

            assertThatThrownBy(() -> desk.queue.release(id, Actor.consultant("bob"), "mine now"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("held by alice");
            assertThat(desk.store.find(id).orElseThrow().state()).isEqualTo(CLAIMED); // rolled back

            desk.clock.advance(Duration.ofMinutes(2));
            Callback back = desk.queue.release(id, Actor.consultant("alice"), "end of my shift");
            assertThat(back.state()).isEqualTo(QUEUED);
            assertThat(desk.queue.currentClaim("alice")).isEmpty();
            assertThat(desk.queue.claimOf(id)).isEmpty();
            AuditEntry last = desk.store.history(id).get(desk.store.history(id).size() - 1);
            assertThat(last.oldState()).isEqualTo(CLAIMED);
            assertThat(last.newState()).isEqualTo(QUEUED);
            assertThat(last.actor()).isEqualTo(Actor.consultant("alice"));
            assertThat(last.why()).isEqualTo("end of my shift");

            assertThat(desk.queue.claimNext("bob")).get().extracting(Claim::callbackId).isEqualTo(id);
            Callback reassigned = desk.queue.release(id, Desk.SAM, "reassigning to the modem team");
            assertThat(reassigned.state()).isEqualTo(QUEUED);
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void reputationalRiskGoesToSupervisorsOnly(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("sam", "SUPERVISORS", true, "router-x");
            long normal = desk.queued(Desk.number(1), "router-x").id();
            long risk = desk.queued(Desk.number(2), "router-x").id();
            desk.store.lifecycle().update(risk, CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                    Desk.SAM, "threatens to go to the press");

            assertThat(desk.queue.claimNext("alice")).get().extracting(Claim::callbackId).isEqualTo(normal);
            assertThat(desk.queue.claimNext("sam")).get().extracting(Claim::callbackId).isEqualTo(risk);
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void theWindowPassedWhileClaimedGoesBackToThePlanner(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long id = desk.queued(Desk.number(1), "router-x").id();
            Claim claim = desk.queue.claimNext("alice").orElseThrow();
            PreDialDecision decision = PreDialCheck.decide(claim.callback().queueItem(), desk.clock.instant(),
                    desk.clock.instant().minusSeconds(1));
            assertThat(decision).isEqualTo(PreDialDecision.WINDOW_PASSED);
            Callback back = desk.queue.returnForReplan(id, decision, Desk.DIALER);
            assertThat(back.state()).isEqualTo(PENDING);
            assertThat(desk.queue.currentClaim("alice")).isEmpty();
            assertThatThrownBy(() -> desk.queue.returnForReplan(id, PreDialDecision.DIAL, Desk.DIALER))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
