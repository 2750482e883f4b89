package com.callbackdesk.queue;

import com.callbackdesk.planning.OutcomeCode;
import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.AuditEntry;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.CallbackChange;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.callback.StaleStateException;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.screenshot.ScreenshotChannel;
import com.callbackdesk.screenshot.ScreenshotRequest;
import com.callbackdesk.screenshot.ScreenshotState;
import com.callbackdesk.screenshot.StoredFile;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import static com.callbackdesk.planning.CallbackState.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutcomeRecorderTest {

    private static final Actor ALICE = Actor.consultant("alice");

    /** Claimed by alice, dialled, answered: a conversation under way. */
    private static long connected(Desk desk, String category, ScreenshotChoice screenshot) {
        long id = desk.queued(Desk.number(1), "router-x", category, Urgency.NORMAL, LocalTime.of(17, 0), screenshot).id();
        desk.queue.claimNext("alice").orElseThrow();
        desk.clock.advance(Duration.ofSeconds(5));
        Attempt attempt = desk.outcomes.startDialing(id, Desk.DIALER, "1709431000.7");
        assertThat(attempt.attemptNo()).isEqualTo(1);
        assertThat(attempt.consultant()).isEqualTo("alice");
        desk.clock.advance(Duration.ofSeconds(20));
        assertThat(desk.outcomes.answered(id, Desk.DIALER, "1709431000.8").state()).isEqualTo(CONNECTED);
        desk.clock.advance(Duration.ofMinutes(4));
        return id;
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void theHappyPathLeavesAnAttemptAClosedClaimAndACompleteAuditTrail(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long id = connected(desk, "no-internet", ScreenshotChoice.NOT_NEEDED);

            Callback done = desk.outcomes.record(id, ALICE, Outcome.resolved(), "rebooted the router together");

            assertThat(done.state()).isEqualTo(RESOLVED);
            List<Attempt> attempts = desk.outcomes.attempts(id);
            assertThat(attempts).hasSize(1);
            Attempt a = attempts.get(0);
            assertThat(a.outcomeCode()).isEqualTo(OutcomeCode.RESOLVED);
            assertThat(a.consultantCall()).isEqualTo("1709431000.7");
            assertThat(a.callerCall()).isEqualTo("1709431000.8");
            assertThat(a.answeredAt()).isEqualTo(Desk.T0.plusSeconds(25));
            assertThat(a.endedAt()).isEqualTo(desk.clock.instant());
            assertThat(desk.queue.currentClaim("alice")).isEmpty();
            assertThat(desk.notes.list(id)).extracting(Note::body).containsExactly("rebooted the router together");

            assertThat(desk.store.history(id)).extracting(AuditEntry::oldState, AuditEntry::newState, e -> e.actor().name())
                    .containsExactly(
                            org.assertj.core.groups.Tuple.tuple(null, PENDING, "intake-route"),
                            org.assertj.core.groups.Tuple.tuple(PENDING, QUEUED, "scheduler"),
                            org.assertj.core.groups.Tuple.tuple(QUEUED, CLAIMED, "alice"),
                            org.assertj.core.groups.Tuple.tuple(CLAIMED, DIALING, "dialer"),
                            org.assertj.core.groups.Tuple.tuple(DIALING, CONNECTED, "dialer"),
                            org.assertj.core.groups.Tuple.tuple(CONNECTED, RESOLVED, "alice"));
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void resolvedWithoutTheScreenshotStepIsRefusedNamingTheRuleThenAllowedOnceReceived(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long id = connected(desk, "error-message", ScreenshotChoice.SMS);
            ScreenshotRequest req = desk.screenshots.request(id, ScreenshotChannel.SMS, Desk.INTAKE);
            desk.screenshots.markSent(req.token(), Actor.system("sms-gateway"));
            int auditRows = desk.store.history(id).size();

            assertThatThrownBy(() -> desk.outcomes.record(id, ALICE, Outcome.resolved(), "all good"))
                    .isInstanceOfSatisfying(OutcomeRefusedException.class,
                            e -> assertThat(e.rule()).isEqualTo(OutcomeRefusedException.Rule.SCREENSHOT_BEFORE_RESOLVED))
                    .hasMessageContaining("SCREENSHOT_BEFORE_RESOLVED")
                    .hasMessageContaining("error-message")
                    .hasMessageContaining("the link was sent but nothing has come back")
                    .hasMessageContaining("screenshot has arrived or the caller has declined");
            // nothing written: state, audit, attempt, claim and note all as before
            assertThat(desk.store.find(id).orElseThrow().state()).isEqualTo(CONNECTED);
            assertThat(desk.store.history(id)).hasSize(auditRows);
            assertThat(desk.outcomes.attempts(id).get(0).endedAt()).isNull();
            assertThat(desk.queue.currentClaim("alice")).isPresent();
            assertThat(desk.notes.list(id)).isEmpty();

            ScreenshotRequest received = desk.screenshots.markReceived(req.token(),
                    new StoredFile("screens/" + id + "/1.png", "image/png", 48_213), Actor.caller(Desk.number(1)));
            assertThat(received.state()).isEqualTo(ScreenshotState.RECEIVED);
            assertThat(received.file().sizeBytes()).isEqualTo(48_213);
            assertThat(received.sentAt()).isNotNull();
            assertThat(desk.outcomes.record(id, ALICE, Outcome.resolved(), null).state()).isEqualTo(RESOLVED);
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void aDeclinedScreenshotCompletesTheStepTooWhetherOnTheLinkOrInTheIvr(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long id = connected(desk, "error-message", ScreenshotChoice.EMAIL);
            ScreenshotRequest req = desk.screenshots.request(id, ScreenshotChannel.EMAIL, Desk.INTAKE);
            desk.screenshots.markDeclined(req.token(), ALICE);
            assertThat(desk.outcomes.record(id, ALICE, Outcome.resolved(), null).state()).isEqualTo(RESOLVED);

            desk.consultant("bob", "router-x");
            desk.consultants.setState("alice", ConsultantState.AWAY, ALICE, "break");
            long declinedInIvr = desk.queued(Desk.number(2), "router-x", "error-message", Urgency.NORMAL, null,
                    ScreenshotChoice.DECLINED).id();
            desk.queue.claimNext("bob").orElseThrow();
            desk.outcomes.startDialing(declinedInIvr, Desk.DIALER, null);
            desk.outcomes.answered(declinedInIvr, Desk.DIALER, null);
            assertThat(desk.outcomes.record(declinedInIvr, Actor.consultant("bob"), Outcome.resolved(), null).state())
                    .isEqualTo(RESOLVED);
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void lineOutcomesSendItToThePlannerOrToAnotherConsultant(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long id = desk.queued(Desk.number(1), "router-x").id();
            desk.queue.claimNext("alice").orElseThrow();
            desk.outcomes.startDialing(id, Desk.DIALER, null);
            Callback afterBusy = desk.outcomes.record(id, Desk.DIALER, Outcome.of(OutcomeCode.BUSY), null);
            assertThat(afterBusy.state()).isEqualTo(PENDING);
            assertThat(desk.queue.currentClaim("alice")).isEmpty();

            // planned and fired again; this time alice does not pick up her own phone
            desk.store.lifecycle().transition(id, PENDING, QUEUED, Desk.SCHEDULER, "attempt 2 fired");
            desk.queue.claimNext("alice").orElseThrow();
            desk.outcomes.startDialing(id, Desk.DIALER, null);
            Callback offered = desk.outcomes.record(id, Desk.DIALER, Outcome.of(OutcomeCode.CONSULTANT_NO_ANSWER), null);
            assertThat(offered.state()).isEqualTo(QUEUED);
            assertThat(desk.consultants.find("alice").orElseThrow().state()).isEqualTo(ConsultantState.AWAY);
            assertThat(desk.consultants.history("alice")).last()
                    .satisfies(e -> assertThat(e.why()).contains("did not answer the dialer"));

            assertThat(desk.outcomes.attempts(id)).extracting(Attempt::attemptNo, Attempt::outcomeCode)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple(1, OutcomeCode.BUSY),
                            org.assertj.core.groups.Tuple.tuple(2, OutcomeCode.CONSULTANT_NO_ANSWER));
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void conversationOutcomesCallBackLaterLeftForTheDayEscalateWrongNumber(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            long id = connected(desk, "no-internet", ScreenshotChoice.NOT_NEEDED);

            assertThatThrownBy(() -> desk.outcomes.record(id, ALICE, Outcome.callBackAt(desk.clock.instant()), null))
                    .isInstanceOfSatisfying(OutcomeRefusedException.class,
                            e -> assertThat(e.rule()).isEqualTo(OutcomeRefusedException.Rule.CALL_BACK_TIME_IN_FUTURE));
            java.time.Instant at = desk.clock.instant().plus(Duration.ofHours(2));
            Callback later = desk.outcomes.record(id, ALICE, Outcome.callBackAt(at), "in a meeting, call at 14:00");
            assertThat(later.state()).isEqualTo(PENDING);
            assertThat(later.notBefore()).isEqualTo(at);
            assertThat(desk.outcomes.attempts(id).get(0).callBackAt()).isEqualTo(at);

            desk.store.lifecycle().transition(id, PENDING, QUEUED, Desk.SCHEDULER, "fired");
            desk.queue.claimNext("alice").orElseThrow();
            desk.outcomes.startDialing(id, Desk.DIALER, null);
            desk.outcomes.answered(id, Desk.DIALER, null);
            assertThat(desk.outcomes.record(id, ALICE, Outcome.of(OutcomeCode.LEFT_FOR_THE_DAY), null).state())
                    .isEqualTo(PENDING);

            desk.store.lifecycle().transition(id, PENDING, QUEUED, Desk.SCHEDULER, "fired");
            desk.queue.claimNext("alice").orElseThrow();
            desk.outcomes.startDialing(id, Desk.DIALER, null);
            desk.outcomes.answered(id, Desk.DIALER, null);
            Callback escalated = desk.outcomes.record(id, ALICE, Outcome.escalate(EscalationLevel.REPUTATIONAL_RISK),
                    "threatens to post on social media");
            assertThat(escalated.state()).isEqualTo(QUEUED);
            assertThat(escalated.escalationLevel()).isEqualTo(EscalationLevel.REPUTATIONAL_RISK);
            assertThat(desk.queue.claimNext("alice")).isEmpty(); // supervisors only

            desk.consultant("sam", "SUPERVISORS", true, "router-x");
            desk.queue.claimNext("sam").orElseThrow();
            desk.outcomes.startDialing(id, Desk.DIALER, null);
            desk.outcomes.answered(id, Desk.DIALER, null);
            assertThatThrownBy(() -> desk.outcomes.record(id, Actor.consultant("sam"),
                    Outcome.escalate(EscalationLevel.REPEAT_OR_DISSATISFIED), null))
                    .isInstanceOfSatisfying(OutcomeRefusedException.class,
                            e -> assertThat(e.rule()).isEqualTo(OutcomeRefusedException.Rule.ESCALATION_GOES_UP));
            assertThat(desk.outcomes.record(id, Actor.consultant("sam"), Outcome.of(OutcomeCode.WRONG_NUMBER), null).state())
                    .isEqualTo(UNREACHABLE);
            assertThat(desk.outcomes.attempts(id)).extracting(Attempt::outcomeCode).containsExactly(
                    OutcomeCode.CALL_BACK_AT, OutcomeCode.LEFT_FOR_THE_DAY, OutcomeCode.ESCALATE, OutcomeCode.WRONG_NUMBER);
            assertThat(desk.outcomes.attempts(id)).extracting(Attempt::consultant)
                    .containsExactly("alice", "alice", "alice", "sam");
        }
    }

    @ParameterizedTest
    @MethodSource(Desk.BOTH)
    void onlyTheClaimHolderRecordsAndOutcomesNeedTheRightState(DatabaseSettings settings) {
        try (Desk desk = new Desk(settings)) {
            desk.consultant("alice", "router-x");
            desk.consultant("bob", "router-x");
            long id = connected(desk, "no-internet", ScreenshotChoice.NOT_NEEDED);
            assertThatThrownBy(() -> desk.outcomes.record(id, Actor.consultant("bob"), Outcome.resolved(), null))
                    .isInstanceOfSatisfying(OutcomeRefusedException.class,
                            e -> assertThat(e.rule()).isEqualTo(OutcomeRefusedException.Rule.CLAIM_HOLDER))
                    .hasMessageContaining("held by alice");
            assertThatThrownBy(() -> desk.outcomes.record(id, Desk.DIALER, Outcome.of(OutcomeCode.BUSY), null))
                    .isInstanceOf(StaleStateException.class); // busy is a dial result; it is already CONNECTED
            assertThat(desk.store.find(id).orElseThrow().state()).isEqualTo(CONNECTED);
            // a supervisor may close it for the consultant
            desk.store.lifecycle().update(id, CallbackChange.none().urgency(Urgency.URGENT), Desk.SAM, "noted");
            assertThat(desk.outcomes.record(id, Desk.SAM, Outcome.resolved(), null).state()).isEqualTo(CallbackState.RESOLVED);
        }
    }
}
