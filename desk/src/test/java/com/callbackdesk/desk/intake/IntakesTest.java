package com.callbackdesk.desk.intake;

import com.callbackdesk.callback.Actor;
import com.callbackdesk.callback.Callback;
import com.callbackdesk.callback.NewCallback;
import com.callbackdesk.callback.NumberSource;
import com.callbackdesk.callback.ScreenshotChoice;
import com.callbackdesk.consultant.ConsultantProfile;
import com.callbackdesk.consultant.ConsultantState;
import com.callbackdesk.desk.Desk;
import com.callbackdesk.desk.DeskFixture;
import com.callbackdesk.planning.CallbackState;
import com.callbackdesk.planning.EscalationLevel;
import com.callbackdesk.planning.Urgency;
import com.callbackdesk.queue.Outcome;
import com.callbackdesk.storage.DatabaseSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The caller's use cases ({@link Intakes}) on H2 and PostgreSQL: a new intake is committed,
 * planned and answered with its first attempt; a second call for the same number merges; a repeat
 * of a resolved problem is escalated; "call me at" moves the attempt; a self-cancel cancels.
 */
class IntakesTest {

    private static final String BOTH = "com.callbackdesk.storage.TestDatabases#both";
    private static int calls;

    private DeskFixture fixture;
    private Desk desk;

    @AfterEach
    void close() {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void open(DatabaseSettings settings) {
        fixture = DeskFixture.open(settings);
        desk = fixture.desk();
    }

    private NewCallback request(String number, Urgency urgency) {
        return new NewCallback("1795000100." + (++calls), "PJSIP/trunk-1", number, number, NumberSource.CALLER_ID,
                "en", "ROUTER", "CANNOT_CONNECT", urgency, null, ScreenshotChoice.NOT_NEEDED,
                fixture.clock().instant());
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aNewIntakeIsCommittedPlannedAndAnsweredWithItsFirstAttempt(DatabaseSettings settings) {
        open(settings);

        IntakeReceipt receipt = desk.intakes().take(request("+886212340201", Urgency.URGENT));

        Callback stored = desk.store().find(receipt.callbackId()).orElseThrow();
        assertThat(receipt.merged()).isFalse();
        assertThat(stored.state()).isEqualTo(CallbackState.SCHEDULED);
        assertThat(receipt.attemptAt().toInstant()).isEqualTo(stored.plannedAt());
        assertThat(receipt.attemptAt().getZone()).isEqualTo(DeskFixture.TAIPEI);
        assertThat(desk.store().history(stored.id()).get(0).actor()).isEqualTo(Actor.system("intake-route"));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aSecondCallForTheSameNumberMergesAndIsToldTheSamePlan(DatabaseSettings settings) {
        open(settings);
        IntakeReceipt first = desk.intakes().take(request("+886212340202", Urgency.NORMAL));

        IntakeReceipt second = desk.intakes().take(request("+886212340202", Urgency.NORMAL));

        assertThat(second.merged()).isTrue();
        assertThat(second.callbackId()).isEqualTo(first.callbackId());
        assertThat(second.attemptAt()).isEqualTo(first.attemptAt());
        assertThat(desk.store().find(first.callbackId()).orElseThrow().mergeCount()).isEqualTo(1);
    }

    /** Fired, claimed by alice, dialled, answered and resolved. */
    private void resolve(long id) {
        desk.consultants().add(new ConsultantProfile("alice", "Alice", "IN_HOUSE", Set.of("ROUTER"), "PJSIP/alice",
                false), Actor.supervisor("sam"), "hired");
        desk.consultants().setState("alice", ConsultantState.AVAILABLE, Actor.consultant("alice"), "logged in");
        desk.store().lifecycle().transition(id, CallbackState.SCHEDULED, CallbackState.QUEUED, Actor.system("scheduler"), "due");
        assertThat(desk.queue().claimNext("alice").orElseThrow().callbackId()).isEqualTo(id);
        desk.outcomes().startDialing(id, Actor.consultant("alice"), null);
        desk.outcomes().answered(id, Actor.system("dialer"), "1795000199.9");
        desk.outcomes().record(id, Actor.consultant("alice"), Outcome.resolved(), null);
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theSameProblemSoonAfterItWasResolvedIsEscalated(DatabaseSettings settings) {
        open(settings);
        IntakeReceipt first = desk.intakes().take(request("+886212340203", Urgency.NORMAL));
        resolve(first.callbackId());
        fixture.clock().advance(Duration.ofDays(2));

        IntakeReceipt again = desk.intakes().take(request("+886212340203", Urgency.NORMAL));

        assertThat(again.merged()).isFalse();
        assertThat(desk.store().find(again.callbackId()).orElseThrow().escalationLevel())
                .isNotEqualTo(EscalationLevel.NORMAL);
        assertThat(desk.repeats().flagOf(again.callbackId())).get()
                .satisfies(f -> assertThat(f.repeatOf()).isEqualTo(first.callbackId()));
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void theCallersChosenTimeMovesTheAttemptAndIsAuditedAsTheCallers(DatabaseSettings settings) {
        open(settings);
        IntakeReceipt receipt = desk.intakes().take(request("+886212340204", Urgency.NORMAL));

        ChosenTime chosen = desk.intakes().callMeAt(receipt.callbackId(), LocalTime.of(15, 30));

        ZonedDateTime expected = receipt.attemptAt().toLocalDate().atTime(15, 30).atZone(DeskFixture.TAIPEI);
        assertThat(chosen).isEqualTo(new ChosenTime.Moved(receipt.callbackId(), expected));
        Callback c = desk.store().find(receipt.callbackId()).orElseThrow();
        assertThat(c.notBefore()).isEqualTo(expected.toInstant());
        assertThat(desk.store().history(c.id())).anySatisfy(e -> {
            assertThat(e.actor()).isEqualTo(Actor.caller("+886212340204"));
            assertThat(e.why()).isEqualTo("caller chose 15:30 on the IVR");
        });
    }

    @ParameterizedTest
    @MethodSource(BOTH)
    void aCallerFindsTheirWaitingCallbackAndCancelsIt(DatabaseSettings settings) {
        open(settings);
        IntakeReceipt receipt = desk.intakes().take(request("+886212340205", Urgency.NORMAL));

        assertThat(desk.intakes().waitingFor("+886212340205"))
                .contains(new WaitingCallback(receipt.callbackId(), receipt.attemptAt()));
        assertThat(desk.intakes().cancelByCaller(receipt.callbackId(), "1795000199.1")).isTrue();

        assertThat(desk.store().find(receipt.callbackId()).orElseThrow().state()).isEqualTo(CallbackState.CANCELLED);
        assertThat(desk.intakes().waitingFor("+886212340205")).isEmpty();
        assertThat(desk.intakes().callMeAt(receipt.callbackId(), LocalTime.NOON))
                .isInstanceOf(ChosenTime.Refused.class);
    }
}
