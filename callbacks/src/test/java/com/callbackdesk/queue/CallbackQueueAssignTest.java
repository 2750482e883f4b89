package com.callbackdesk.queue;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.storage.DatabaseSettings;
import com.callbackdesk.storage.Jdbc;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static com.callbackdesk.planning.CallbackState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A supervisor hands callbacks to named consultants (CallbackQueue#assign), on H2 and PostgreSQL. */
class CallbackQueueAssignTest {

    private static final Actor ALICE = Actor.consultant("alice");
    private static final Actor BOB = Actor.consultant("bob");

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void aQueuedCallbackBecomesClaimedByTheNamedConsultantAudited(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("bob", "router-x");
            long id = desk.queued(Desk.number(1), "router-x").id();
            desk.clock.advance(Duration.ofMinutes(3));

            Claim claim = desk.queue.assign(id, "bob", Desk.SAM, "caller asked for bob again");

            assertThat(claim.consultant()).isEqualTo("bob");
            assertThat(claim.callback().state()).isEqualTo(CLAIMED);
            assertThat(claim.claimedAt()).isEqualTo(desk.clock.instant());
            assertThat(desk.queue.currentClaim("bob")).get().extracting(Claim::callbackId).isEqualTo(id);
            AuditEntry last = last(desk, id);
            assertThat(last.action()).isEqualTo(AuditEntry.Action.TRANSITION);
            assertThat(last.oldState()).isEqualTo(QUEUED);
            assertThat(last.newState()).isEqualTo(CLAIMED);
            assertThat(last.actor()).isEqualTo(Desk.SAM);
            assertThat(last.why()).isEqualTo("assigned to bob: caller asked for bob again");
            // bob holds one now, so the queue refuses him another — as if he had claimed it himself
            desk.queued(Desk.number(2), "router-x");
            assertThatThrownBy(() -> desk.queue.claimNext("bob")).isInstanceOf(ClaimRefusedException.class)
                    .hasMessageContaining("already holds callback " + id);
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void aClaimedCallbackMovesToTheNewHolderWhoCanDialAndRecordItsOutcome(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("bob", "router-x");
            long id = desk.queued(Desk.number(1), "router-x").id();
            desk.queue.claimNext("alice").orElseThrow();
            desk.clock.advance(Duration.ofMinutes(5));

            Claim claim = desk.queue.assign(id, "bob", Desk.SAM, "alice went home sick");

            assertThat(claim.consultant()).isEqualTo("bob");
            assertThat(claim.claimedAt()).isEqualTo(desk.clock.instant());
            assertThat(claim.callback().state()).isEqualTo(CLAIMED);
            assertThat(desk.queue.claimOf(id)).get().extracting(Claim::consultant).isEqualTo("bob");
            assertThat(desk.queue.currentClaim("alice")).isEmpty();
            assertThat(claimRows(desk, id)).containsExactly("alice REASSIGNED", "bob open");
            AuditEntry last = last(desk, id);
            assertThat(last.action()).isEqualTo(AuditEntry.Action.UPDATED);
            assertThat(last.actor()).isEqualTo(Desk.SAM);
            assertThat(last.at()).isEqualTo(desk.clock.instant());
            assertThat(last.why()).isEqualTo("reassigned from alice to bob: alice went home sick");
            assertThat(last.detail()).isEqualTo("holder: alice → bob");
            assertThat(last.oldState()).isEqualTo(CLAIMED);
            assertThat(last.newState()).isEqualTo(CLAIMED);

            // the old holder can no longer act on it; alice is free to claim another
            assertThatThrownBy(() -> desk.queue.release(id, ALICE, "back after all"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("held by bob");
            assertThatThrownBy(() -> desk.outcomes.startDialing(id, ALICE, null))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("held by bob");
            assertThat(desk.store.find(id).orElseThrow().state()).isEqualTo(CLAIMED);
            // the new holder works it to the end
            Attempt attempt = desk.outcomes.startDialing(id, BOB, null);
            assertThat(attempt.consultant()).isEqualTo("bob");
            desk.outcomes.answered(id, Desk.DIALER, null);
            assertThat(desk.outcomes.record(id, BOB, Outcome.resolved(), "sorted").state()).isEqualTo(RESOLVED);
            assertThat(desk.queue.currentClaim("bob")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void aDecisionTakenOnAStaleScreenIsRefused(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("bob", "router-x");
            desk.consultant("carol", "router-x");
            long id = desk.queued(Desk.number(1), "router-x").id();

            // sam saw it queued; alice claimed it meanwhile
            desk.queue.claimNext("alice").orElseThrow();
            assertThatThrownBy(() -> desk.queue.assign(id, "bob", Desk.SAM, "bob knows this caller", ""))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("changed hands since you looked")
                    .hasMessageContaining("now held by alice");
            assertThat(desk.queue.claimOf(id)).get().extracting(Claim::consultant).isEqualTo("alice");

            // another supervisor moved it to carol; sam's screen still says alice
            desk.queue.assign(id, "carol", Actor.supervisor("tina"), "alice is on a break", "alice");
            assertThatThrownBy(() -> desk.queue.assign(id, "bob", Desk.SAM, "alice went home", "alice"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("now held by carol");
            assertThat(claimRows(desk, id)).containsExactly("alice REASSIGNED", "carol open");

            // carol released it; sam's screen says carol
            desk.queue.release(id, Actor.consultant("carol"), "not mine after all");
            assertThatThrownBy(() -> desk.queue.assign(id, "bob", Desk.SAM, "x", "carol"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("nobody holds it now (QUEUED)");

            // on a fresh look it goes through
            assertThat(desk.queue.assign(id, "bob", Desk.SAM, "bob knows this caller", "").consultant()).isEqualTo("bob");
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void refusalsLeaveEverythingAsItWas(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("bob", "router-x");
            desk.consultant("carol", "tv-z");
            desk.consultant("dave", "router-x");
            desk.consultants.setActive("dave", false, Desk.SAM, "left the company");
            long held = desk.queued(Desk.number(1), "router-x").id();
            desk.queue.claimNext("alice").orElseThrow();
            long queued = desk.queued(Desk.number(2), "router-x").id();

            assertThatThrownBy(() -> desk.queue.assign(queued, "bob", ALICE, "I am in charge"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("only a supervisor");
            assertThatThrownBy(() -> desk.queue.assign(queued, "nobody", Desk.SAM, "x"))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("consultant: ");
            assertThatThrownBy(() -> desk.queue.assign(queued, "dave", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("no longer active");
            assertThatThrownBy(() -> desk.queue.assign(queued, "carol", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("does not take router-x");
            assertThatThrownBy(() -> desk.queue.assign(queued, "alice", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("already holds callback " + held);
            assertThatThrownBy(() -> desk.queue.assign(held, "alice", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("already holds callback " + held);
            assertThatThrownBy(() -> desk.queue.assign(queued, "bob", Desk.SAM, " "))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("why: ");
            assertThatThrownBy(() -> desk.queue.assign(999_999, "bob", Desk.SAM, "x"))
                    .isInstanceOf(NoSuchElementException.class);
            assertThat(desk.store.find(queued).orElseThrow().state()).isEqualTo(QUEUED);
            assertThat(desk.queue.claimOf(held)).get().extracting(Claim::consultant).isEqualTo("alice");

            // reputational risk goes to supervisors only
            desk.store.lifecycle().update(queued, CallbackChange.none().escalationLevel(EscalationLevel.REPUTATIONAL_RISK),
                    Desk.SAM, "threatens to go to the press");
            assertThatThrownBy(() -> desk.queue.assign(queued, "bob", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("reputational risk");
            desk.consultant("sam", "SUPERVISORS", true, "router-x");
            assertThat(desk.queue.assign(queued, "sam", Desk.SAM, "senior takes it").consultant()).isEqualTo("sam");

            // a live call is not moved; closed callbacks are final
            desk.outcomes.startDialing(held, ALICE, null);
            assertThatThrownBy(() -> desk.queue.assign(held, "bob", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("DIALING: a live call is not moved");
            desk.outcomes.answered(held, Desk.DIALER, null);
            assertThatThrownBy(() -> desk.queue.assign(held, "bob", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("CONNECTED: a live call");
            desk.outcomes.record(held, ALICE, Outcome.resolved(), null);
            assertThatThrownBy(() -> desk.queue.assign(held, "bob", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("RESOLVED (closed)");
            long pending = desk.intake(Desk.number(3), "router-x", "no-internet",
                    com.callbackdesk.planning.Urgency.NORMAL, null,
                    com.callbackdesk.callback.ScreenshotChoice.NOT_NEEDED).id();
            assertThatThrownBy(() -> desk.queue.assign(pending, "bob", Desk.SAM, "x"))
                    .isInstanceOf(ClaimRefusedException.class).hasMessageContaining("only QUEUED or CLAIMED");
            assertThat(desk.queue.currentClaim("bob")).isEmpty();
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void twoSupervisorsAssigningOneCallbackToTwoConsultantsLeaveExactlyOneHolder(DatabaseSettings settings)
            throws Exception {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("bob", "router-x");
            desk.consultant("carol", "router-x");
            Actor tom = Actor.supervisor("tom");
            ExecutorService pool = Executors.newFixedThreadPool(2);
            try {
                for (int round = 0; round < 10; round++) {
                    long id = desk.queued(Desk.number(round), "router-x").id();
                    boolean fromAClaim = round % 2 == 1; // odd rounds: alice holds it first
                    if (fromAClaim) {
                        desk.queue.claimNext("alice").orElseThrow();
                    }
                    CountDownLatch start = new CountDownLatch(1);
                    Future<String> a = pool.submit(() -> attempt(start, () -> desk.queue.assign(id, "bob", Desk.SAM, "to bob")));
                    Future<String> b = pool.submit(() -> attempt(start, () -> desk.queue.assign(id, "carol", tom, "to carol")));
                    start.countDown();
                    List<String> results = List.of(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
                    // Both may succeed when one commits before the other reads (then the second moves it
                    // on from the first's consultant, audited); never two holders, never a lost claim row.
                    List<String> winners = results.stream().filter(r -> r.startsWith("held by "))
                            .map(r -> r.substring("held by ".length())).toList();
                    assertThat(winners).as("round %d: %s", round, results).isNotEmpty();
                    String holder = desk.queue.claimOf(id).orElseThrow().consultant();
                    assertThat(winners).as("round %d: %s", round, results).contains(holder);
                    assertThat(claimRows(desk, id)).filteredOn(r -> r.endsWith(" open")).containsExactly(holder + " open");
                    assertThat(List.of("bob", "carol").stream().filter(c -> desk.queue.currentClaim(c).isPresent()))
                            .containsExactly(holder);
                    // done with it: free the winner (and alice) for the next round
                    desk.queue.release(id, Desk.SAM, "round over");
                    desk.store.lifecycle().transition(id, QUEUED, CANCELLED, Desk.SAM, "round over");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    private static String attempt(CountDownLatch start, java.util.concurrent.Callable<Claim> assign) throws Exception {
        start.await();
        try {
            return "held by " + assign.call().consultant();
        } catch (ClaimRefusedException | StaleStateException e) {
            return "refused: " + e.getMessage();
        }
    }

    private static AuditEntry last(Desk desk, long id) {
        List<AuditEntry> h = desk.store.history(id);
        return h.get(h.size() - 1);
    }

    /** "consultant end_reason|open" per claim row of the callback, oldest first. */
    private static List<String> claimRows(Desk desk, long id) {
        return new Jdbc(desk.db.dataSource(), "test").read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT consultant, ended_at, end_reason FROM callback_claim"
                    + " WHERE callback_id = ? ORDER BY id")) {
                ps.setLong(1, id);
                List<String> rows = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        rows.add(rs.getString(1) + " " + (rs.getObject(2) == null ? "open" : rs.getString(3)));
                    }
                }
                return rows;
            }
        });
    }
}
